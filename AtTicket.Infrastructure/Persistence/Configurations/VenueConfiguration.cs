using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AtTicket.Infrastructure.Persistence.Configurations;

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> builder)
    {
        builder.HasTextWithKorean(v => v.Name, v => v.NameKo, Venue.MaxNameLength);
        builder.HasTextWithKorean(v => v.Address, v => v.AddressKo, Venue.MaxAddressLength);
        builder.HasMany(v => v.Halls).WithOne(h => h.Venue).HasForeignKey(h => h.VenueId);
        builder.Navigation(v => v.Halls).HasField("_halls");
    }
}

internal sealed class HallConfiguration : IEntityTypeConfiguration<Hall>
{
    public void Configure(EntityTypeBuilder<Hall> builder)
    {
        builder.HasTextWithKorean(h => h.Name, h => h.NameKo, Hall.MaxNameLength);
        builder.HasIndex(h => new { h.VenueId, h.Name }).IsUnique();
        builder.HasMany(h => h.Seats).WithOne(s => s.Hall).HasForeignKey(s => s.HallId);
        builder.Navigation(h => h.Seats).HasField("_seats");
    }
}

internal sealed class SeatConfiguration : IEntityTypeConfiguration<Seat>
{
    public void Configure(EntityTypeBuilder<Seat> builder)
    {
        builder.HasTextWithKorean(s => s.Section, s => s.SectionKo, Seat.MaxSectionLength);
        builder.Property(s => s.Row).HasMaxLength(10);
        builder.HasIndex(s => new { s.HallId, s.Section, s.Row, s.Number }).IsUnique();
        builder.Ignore(s => s.Label);
    }
}

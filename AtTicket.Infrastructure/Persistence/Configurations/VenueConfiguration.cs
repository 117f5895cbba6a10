using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AtTicket.Infrastructure.Persistence.Configurations;

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(Venue.MaxNameLength);
        builder.Property(v => v.Address).HasMaxLength(Venue.MaxAddressLength);
        builder.Property(v => v.NameKo).HasMaxLength(Venue.MaxNameLength).HasDefaultValue(string.Empty);
        builder.Property(v => v.AddressKo).HasMaxLength(Venue.MaxAddressLength).HasDefaultValue(string.Empty);
        builder.HasMany(v => v.Halls).WithOne(h => h.Venue).HasForeignKey(h => h.VenueId);
        builder.Navigation(v => v.Halls).HasField("_halls");
    }
}

internal sealed class HallConfiguration : IEntityTypeConfiguration<Hall>
{
    public void Configure(EntityTypeBuilder<Hall> builder)
    {
        builder.Property(h => h.Name).HasMaxLength(Hall.MaxNameLength);
        builder.Property(h => h.NameKo).HasMaxLength(Hall.MaxNameLength).HasDefaultValue(string.Empty);
        builder.HasIndex(h => new { h.VenueId, h.Name }).IsUnique();
        builder.HasMany(h => h.Seats).WithOne(s => s.Hall).HasForeignKey(s => s.HallId);
        builder.Navigation(h => h.Seats).HasField("_seats");
    }
}

internal sealed class SeatConfiguration : IEntityTypeConfiguration<Seat>
{
    public void Configure(EntityTypeBuilder<Seat> builder)
    {
        builder.Property(s => s.Section).HasMaxLength(Seat.MaxSectionLength);
        builder.Property(s => s.SectionKo).HasMaxLength(Seat.MaxSectionLength).HasDefaultValue(string.Empty);
        builder.Property(s => s.Row).HasMaxLength(10);
        builder.HasIndex(s => new { s.HallId, s.Section, s.Row, s.Number }).IsUnique();
        builder.Ignore(s => s.Label);
    }
}

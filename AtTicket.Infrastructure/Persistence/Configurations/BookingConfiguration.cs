using AtTicket.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AtTicket.Infrastructure.Persistence.Configurations;

internal sealed class SeatHoldConfiguration : IEntityTypeConfiguration<SeatHold>
{
    public void Configure(EntityTypeBuilder<SeatHold> builder)
    {
        builder.HasOne<Member>().WithMany().HasForeignKey(h => h.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Performance>().WithMany().HasForeignKey(h => h.PerformanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.MemberId, h.Status });
        builder.HasIndex(h => new { h.Status, h.ExpiresAt });
    }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.Property(b => b.Number).HasMaxLength(20);
        builder.Property(b => b.IdempotencyKey).HasMaxLength(100);
        builder.Property(b => b.PaymentReference).HasMaxLength(64);
        builder.HasIndex(b => b.Number).IsUnique();

        // A replayed request finds the booking its key made; keys are scoped to the member who sent them.
        builder.HasIndex(b => new { b.MemberId, b.IdempotencyKey }).IsUnique();
        builder.HasIndex(b => new { b.MemberId, b.CreatedAt });
        builder.HasIndex(b => new { b.PerformanceId, b.Status });

        // The refunds-owed gauge counts Booking.OwingRefund every 10 s on every node: a range of this index, not the table.
        builder.HasIndex(b => new { b.Status, b.RefundedAt, b.PaymentReference });

        // The limits' count of seats a member bought for one performance starts from here (HoldingsSql).
        builder.HasIndex(b => new { b.MemberId, b.PerformanceId });
        builder.HasOne<Member>().WithMany().HasForeignKey(b => b.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Performance>().WithMany().HasForeignKey(b => b.PerformanceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(b => b.Tickets).WithOne().HasForeignKey(t => t.BookingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.Tickets).HasField("_tickets");
    }
}

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> builder)
    {
        builder.Property(t => t.Code).HasMaxLength(16);
        builder.Property(t => t.GradeName).HasMaxLength(30);
        builder.HasIndex(t => t.Code).IsUnique();
    }
}

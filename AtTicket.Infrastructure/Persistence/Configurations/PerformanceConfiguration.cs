using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AtTicket.Infrastructure.Persistence.Configurations;

internal sealed class PerformanceConfiguration : IEntityTypeConfiguration<Performance>
{
    public void Configure(EntityTypeBuilder<Performance> builder)
    {
        builder.HasOne(p => p.Product).WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Hall).WithMany().HasForeignKey(p => p.HallId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Grades).WithOne(g => g.Performance).HasForeignKey(g => g.PerformanceId);
        builder.Navigation(p => p.Grades).HasField("_grades");
        builder.HasIndex(p => new { p.ProductId, p.StartsAt });
        builder.HasIndex(p => p.StartsAt);
    }
}

internal sealed class SeatGradeConfiguration : IEntityTypeConfiguration<SeatGrade>
{
    public void Configure(EntityTypeBuilder<SeatGrade> builder)
    {
        builder.Property(g => g.Name).HasMaxLength(30);
        builder.Property(g => g.Color).HasMaxLength(7);
        builder.HasIndex(g => new { g.PerformanceId, g.Name }).IsUnique();
    }
}

internal sealed class PerformanceSeatConfiguration : IEntityTypeConfiguration<PerformanceSeat>
{
    public void Configure(EntityTypeBuilder<PerformanceSeat> builder)
    {
        builder.HasKey(s => new { s.PerformanceId, s.SeatId });
        builder.HasOne(s => s.Performance).WithMany().HasForeignKey(s => s.PerformanceId).OnDelete(DeleteBehavior.Cascade);

        // A seat (or grade) that a performance uses cannot be deleted out from under it.
        builder.HasOne(s => s.Seat).WithMany().HasForeignKey(s => s.SeatId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Grade).WithMany().HasForeignKey(s => s.GradeId).OnDelete(DeleteBehavior.Restrict);

        // Remaining seats per grade: a grouped count that this index covers.
        builder.HasIndex(s => new { s.PerformanceId, s.Status, s.GradeId });
        builder.HasIndex(s => s.HoldId);
        builder.HasIndex(s => s.BookingId);
    }
}

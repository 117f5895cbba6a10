using AtTicket.Domain.Queues;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AtTicket.Infrastructure.Persistence.Configurations;

internal sealed class WaitingLineConfiguration : IEntityTypeConfiguration<WaitingLine>
{
    public void Configure(EntityTypeBuilder<WaitingLine> builder)
    {
        builder.HasKey(l => l.PerformanceId);
        builder.Property(l => l.PerformanceId).ValueGeneratedNever();
        builder.HasOne<Performance>().WithOne().HasForeignKey<WaitingLine>(l => l.PerformanceId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(l => l.Rules);
    }
}

using AtTicket.Domain.Members;
using AtTicket.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AtTicket.Infrastructure.Persistence.Configurations;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.Property(m => m.DisplayName).HasMaxLength(Member.DisplayNameMaxLength);
    }
}

internal sealed class MemberPreferencesConfiguration : IEntityTypeConfiguration<MemberPreferences>
{
    public void Configure(EntityTypeBuilder<MemberPreferences> builder)
    {
        builder.HasKey(p => p.MemberId);
        builder.HasOne<Member>().WithOne().HasForeignKey<MemberPreferences>(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Culture).HasMaxLength(5);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.Type).HasMaxLength(100);
        builder.Property(m => m.AggregateId).HasMaxLength(64);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.LastErrorMaxLength);
        builder.HasIndex(m => new { m.DispatchedAt, m.OccurredAt });
        builder.Ignore(m => m.IsPending);
    }
}

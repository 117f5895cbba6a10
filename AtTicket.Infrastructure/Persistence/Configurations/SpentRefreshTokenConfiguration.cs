using AtTicket.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AtTicket.Infrastructure.Persistence.Configurations;

internal sealed class SpentRefreshTokenConfiguration : IEntityTypeConfiguration<SpentRefreshToken>
{
    public void Configure(EntityTypeBuilder<SpentRefreshToken> builder)
    {
        builder.HasKey(t => t.Hash);
        builder.Property(t => t.Hash).HasMaxLength(SpentRefreshToken.HashLength);
        builder.HasIndex(t => t.ExpiresAt);
    }
}

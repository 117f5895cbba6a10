using AtTicket.Infrastructure.Media;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AtTicket.Infrastructure.Persistence.Configurations;

internal sealed class PosterImageConfiguration : IEntityTypeConfiguration<PosterImage>
{
    public void Configure(EntityTypeBuilder<PosterImage> builder)
    {
        builder.Property(p => p.ContentType).HasMaxLength(32);
        builder.Property(p => p.Content).HasMaxLength(PosterRules.MaxBytes);
        builder.Ignore(p => p.Url);
    }
}

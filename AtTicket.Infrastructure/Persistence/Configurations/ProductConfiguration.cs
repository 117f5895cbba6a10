using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AtTicket.Infrastructure.Persistence.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.HasTextWithKorean(p => p.Title, p => p.TitleKo, Product.TitleMaxLength);
        builder.HasTextWithKorean(p => p.Description, p => p.DescriptionKo, Product.DescriptionMaxLength);
        builder.Property(p => p.PosterUrl).HasMaxLength(300);
        builder.Property(p => p.AgeRating).HasMaxLength(20);
        builder.HasIndex(p => new { p.Status, p.Category });
        builder.HasIndex(p => p.Title);
    }
}

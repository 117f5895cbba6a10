using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AtTicket.Infrastructure.Persistence.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(Product.TitleMaxLength);
        builder.Property(p => p.Description).HasMaxLength(Product.DescriptionMaxLength);
        builder.Property(p => p.TitleKo).HasMaxLength(Product.TitleMaxLength).HasDefaultValue(string.Empty);
        builder.Property(p => p.DescriptionKo).HasMaxLength(Product.DescriptionMaxLength).HasDefaultValue(string.Empty);
        builder.Property(p => p.PosterUrl).HasMaxLength(300);
        builder.Property(p => p.AgeRating).HasMaxLength(20);
        builder.HasIndex(p => new { p.Status, p.Category });
        builder.HasIndex(p => p.Title);
    }
}

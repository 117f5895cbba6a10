using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AtTicket.Infrastructure.Persistence.Configurations;

internal static class KoreanTextColumns
{
    /// <summary>
    /// A text the admin gives in English and Korean: both columns as long as the text may be, the Korean
    /// one empty by default (rows from before it existed), which readers take as "show the English text".
    /// </summary>
    public static void HasTextWithKorean<TEntity>(
        this EntityTypeBuilder<TEntity> builder,
        Expression<Func<TEntity, string>> text,
        Expression<Func<TEntity, string>> korean,
        int maxLength)
        where TEntity : class
    {
        builder.Property(text).HasMaxLength(maxLength);
        builder.Property(korean).HasMaxLength(maxLength).HasDefaultValue(string.Empty);
    }
}

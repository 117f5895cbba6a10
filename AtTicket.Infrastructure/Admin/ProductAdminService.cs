namespace AtTicket.Infrastructure.Admin;

/// <param name="Terms">What the product is and when it is sold; <see cref="Product"/> checks them.</param>
/// <param name="TitleKo">The Korean title: null keeps the stored one when updating, an empty string clears it.</param>
/// <param name="DescriptionKo">The Korean description: null keeps, an empty string clears, as for <paramref name="TitleKo"/>.</param>
public sealed record ProductInput(ProductTerms Terms, ProductStatus Status, string? PosterUrl, string? TitleKo = null, string? DescriptionKo = null);

public enum DeleteOutcome
{
    Deleted,
    NotFound,
    HasBookings,
}

/// <summary>Plain product editing for admins. Every change invalidates the catalog cache before it returns.</summary>
public sealed class ProductAdminService(IDbContextFactory<AtTicketDbContext> contexts, CatalogCacheInvalidator cache, TimeProvider time)
{
    public async Task<int> CreateAsync(ProductInput input, CancellationToken cancellationToken = default)
    {
        var product = new Product(input.Terms);
        product.SetKoreanText(input.TitleKo, input.DescriptionKo);
        product.SetPoster(input.PosterUrl);
        product.MoveTo(input.Status);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Products.Add(product);
        await db.SaveChangesAsync(cancellationToken);
        if (product.Status == ProductStatus.OnSale)
        {
            // Announced with the id the insert just gave it, in the same transaction.
            db.OutboxMessages.Add(IntegrationEvents.OnSale(product, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await cache.InvalidateCatalogAsync(cancellationToken);
        return product.Id;
    }

    /// <returns>False when there is no such product.</returns>
    public async Task<bool> UpdateAsync(int id, ProductInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return false;
        }

        product.Update(input.Terms);
        product.SetKoreanText(input.TitleKo ?? product.TitleKo, input.DescriptionKo ?? product.DescriptionKo);
        product.SetPoster(input.PosterUrl);
        var wasOnSale = product.Status == ProductStatus.OnSale;
        product.MoveTo(input.Status);
        if (!wasOnSale && product.Status == ProductStatus.OnSale)
        {
            // One SaveChanges: the status change and its announcement commit together.
            db.OutboxMessages.Add(IntegrationEvents.OnSale(product, time.GetUtcNow()));
        }

        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateCatalogAsync(cancellationToken);
        return true;
    }

    /// <summary>Only a product nobody has booked can be deleted; otherwise close it.</summary>
    public async Task<DeleteOutcome> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return DeleteOutcome.NotFound;
        }

        var performanceIds = db.Performances.Where(p => p.ProductId == id).Select(p => p.Id);
        // Bookings, or seats someone is paying for right now.
        if (await db.Bookings.AnyAsync(b => performanceIds.Contains(b.PerformanceId), cancellationToken)
            || await db.PerformanceSeats.Where(s => performanceIds.Contains(s.PerformanceId)).AnyAsync(PerformanceSeat.Claimed, cancellationToken))
        {
            return DeleteOutcome.HasBookings;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await PerformanceRemoval.DeleteAsync(db, performanceIds, cancellationToken);
        db.Products.Remove(product);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await cache.InvalidateCatalogAsync(cancellationToken);
        return DeleteOutcome.Deleted;
    }

    public async Task<Product?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
    }
}

namespace AtTicket.Infrastructure.Media;

public sealed class PosterStore(IDbContextFactory<AtTicketDbContext> contexts, TimeProvider time)
{
    private const string UrlPrefix = "/media/posters/";

    /// <summary>Checks size, re-encodes the image (<see cref="PosterEncoder"/>), stores it and returns its URL.</summary>
    public async Task<string> SaveAsync(Stream content, long length, CancellationToken cancellationToken = default)
    {
        if (length <= 0)
        {
            throw new DomainException(PosterRules.Empty);
        }

        if (length > PosterRules.MaxBytes)
        {
            throw new DomainException(PosterRules.TooLarge);
        }

        using var buffer = new MemoryStream((int)length);
        await content.CopyToAsync(buffer, cancellationToken);
        var encoded = PosterEncoder.Reencode(buffer.ToArray());

        var poster = new PosterImage(Guid.NewGuid(), encoded.ContentType, encoded.Content, time.GetUtcNow());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.PosterImages.Add(poster);
        await db.SaveChangesAsync(cancellationToken);
        return poster.Url;
    }

    public async Task<PosterImage?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PosterImages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    /// <summary>
    /// Deletes the posters uploaded before <paramref name="uploadedBefore"/> that no product names: those
    /// of admin forms never saved, and those a later upload replaced.
    /// </summary>
    /// <returns>How many were deleted.</returns>
    public async Task<int> DeleteOrphansAsync(DateTimeOffset uploadedBefore, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var addresses = await db.Products
            .Where(p => p.PosterUrl != null && p.PosterUrl.StartsWith(UrlPrefix))
            .Select(p => p.PosterUrl!)
            .ToListAsync(cancellationToken);
        var referenced = addresses
            .Select(a => Guid.TryParseExact(a[UrlPrefix.Length..], "N", out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .ToList();
        return await db.PosterImages
            .Where(p => p.UploadedAt < uploadedBefore && !referenced.Contains(p.Id))
            .ExecuteDeleteAsync(cancellationToken);
    }
}

using AtTicket.Domain.Common;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AtTicket.Infrastructure.Media;

public sealed class PosterStore(IDbContextFactory<AtTicketDbContext> contexts, TimeProvider time)
{
    /// <summary>Checks type and size, stores the image and returns its URL.</summary>
    public async Task<string> SaveAsync(Stream content, long length, CancellationToken cancellationToken = default)
    {
        if (length <= 0)
        {
            throw new DomainException("The poster file is empty.");
        }

        if (length > PosterRules.MaxBytes)
        {
            throw new DomainException($"The poster must be at most {PosterRules.MaxBytes / 1024 / 1024} MB.");
        }

        using var buffer = new MemoryStream((int)length);
        await content.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var contentType = PosterRules.Sniff(bytes) ?? throw new DomainException("The poster must be a PNG, JPEG or WebP image.");

        var poster = new PosterImage(Guid.NewGuid(), contentType, bytes, time.GetUtcNow());
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
}

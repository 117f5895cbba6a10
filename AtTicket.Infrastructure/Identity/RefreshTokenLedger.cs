using System.Security.Cryptography;
using System.Text;

namespace AtTicket.Infrastructure.Identity;

/// <summary>
/// Makes every refresh token single-use on all nodes at once: the first exchange writes the token's hash (its
/// primary key), so a second exchange, on any node, finds it. Rows of tokens past their expiry are deleted on
/// the way, since Identity refuses such tokens before they get here.
/// </summary>
public sealed class RefreshTokenLedger(IDbContextFactory<AtTicketDbContext> contexts, TimeProvider time)
{
    /// <returns>true the first time the token is spent; false when it had been spent before (a replay).</returns>
    public async Task<bool> SpendAsync(string refreshToken, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var hash = HashOf(refreshToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.SpentRefreshTokens.Where(t => t.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);

        db.SpentRefreshTokens.Add(new SpentRefreshToken { Hash = hash, ExpiresAt = expiresAt });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The key is taken: spent before (two racing exchanges count as a replay too). Anything else rethrows.
            await using var check = await contexts.CreateDbContextAsync(cancellationToken);
            if (await check.SpentRefreshTokens.AnyAsync(t => t.Hash == hash, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    private static string HashOf(string refreshToken) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
}

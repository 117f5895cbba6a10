using AtTicket.Domain.Members;

namespace AtTicket.Infrastructure.Members;

/// <summary>
/// Reads and changes a member's mail preferences. A member who never saved any has no row; the first
/// change creates it. Every change goes through the Domain's <see cref="MemberPreferences"/> rules.
/// </summary>
public sealed class MemberPreferencesStore(IDbContextFactory<AtTicketDbContext> contexts)
{
    /// <summary>The member's preferences; new ones (no alerts, no language) when they never saved any.</summary>
    public async Task<MemberPreferences> GetAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MemberPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.MemberId == memberId, cancellationToken)
            ?? new MemberPreferences(memberId);
    }

    /// <returns>False when there is no such member (deleted since, say).</returns>
    public Task<bool> SaveAsync(string memberId, IEnumerable<ProductCategory> categories, string? culture, CancellationToken cancellationToken = default) =>
        ChangeAsync(
            memberId,
            preferences =>
            {
                preferences.Subscribe(categories);
                preferences.PreferCulture(culture);
            },
            cancellationToken);

    /// <summary>Stops the alerts of one category, or all of them when <paramref name="category"/> is null.</summary>
    public Task<bool> UnsubscribeAsync(string memberId, ProductCategory? category, CancellationToken cancellationToken = default) =>
        ChangeAsync(
            memberId,
            preferences =>
            {
                if (category is { } one)
                {
                    preferences.Unsubscribe(one);
                }
                else
                {
                    preferences.Unsubscribe();
                }
            },
            cancellationToken);

    /// <summary>The member chose <paramref name="culture"/> (ko or en) for the site: their mails follow, whatever was stored before.</summary>
    public Task<bool> PreferCultureAsync(string memberId, string culture, CancellationToken cancellationToken = default) =>
        ChangeAsync(memberId, preferences => preferences.PreferCulture(culture), cancellationToken);

    /// <summary>Keeps the language the member uses for their mails, unless one is already stored.</summary>
    public Task<bool> AdoptCultureAsync(string memberId, string? culture, CancellationToken cancellationToken = default) =>
        ChangeAsync(memberId, preferences => preferences.AdoptCulture(culture), cancellationToken);

    private async Task<bool> ChangeAsync(string memberId, Action<MemberPreferences> change, CancellationToken cancellationToken)
    {
        // Two first changes at once both try to insert the row: the loser tries again, and then finds it.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var preferences = await db.MemberPreferences.SingleOrDefaultAsync(p => p.MemberId == memberId, cancellationToken);
            if (preferences is null)
            {
                if (!await db.Users.AnyAsync(m => m.Id == memberId, cancellationToken))
                {
                    return false;
                }

                preferences = new MemberPreferences(memberId);
                db.MemberPreferences.Add(preferences);
            }

            change(preferences);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException) when (attempt == 1 && db.Entry(preferences).State == EntityState.Added)
            {
            }
        }
    }
}

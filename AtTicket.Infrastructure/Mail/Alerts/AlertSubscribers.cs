using System.Runtime.CompilerServices;
using AtTicket.Domain.Members;

namespace AtTicket.Infrastructure.Mail.Alerts;

/// <summary>A member an alert goes to, and the language it is written in ("en" or "ko").</summary>
public sealed record AlertRecipient(string MemberId, string Email, string DisplayName, string Culture);

/// <summary>
/// The members who want to hear about a category and have a confirmed address, streamed a page at a
/// time (ordered by member id, each page after the last id of the one before), one short-lived
/// context per page: nothing is held open while the mails of a page are being sent.
/// </summary>
public sealed class AlertSubscribers(IDbContextFactory<AtTicketDbContext> contexts, IOptions<AlertMailOptions> options)
{
    public const string DefaultCulture = "en";

    public async IAsyncEnumerable<AlertRecipient> WhoWantToHearAboutAsync(ProductCategory category, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pageSize = options.Value.AlertPageSize;
        string? after = null;
        while (true)
        {
            var page = await ReadPageAsync(after, pageSize, cancellationToken);

            // The category is checked here by the Domain's own rule rather than repeated as SQL over
            // the JSON column; the query only leaves out members who want no alerts at all.
            foreach (var row in page.Where(r => r.Preferences.WantsToHearAbout(category)))
            {
                yield return new AlertRecipient(row.Preferences.MemberId, row.Email, row.DisplayName, row.Preferences.Culture ?? DefaultCulture);
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            after = page[^1].Preferences.MemberId;
        }
    }

    private async Task<List<SubscriberRow>> ReadPageAsync(string? after, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var preferences = db.MemberPreferences.AsNoTracking().Where(p => p.NotifyOnNewProducts);
        if (after is not null)
        {
            preferences = preferences.Where(p => string.Compare(p.MemberId, after) > 0);
        }

        var rows = from p in preferences
                   join member in db.Users on p.MemberId equals member.Id
                   where member.EmailConfirmed && member.Email != null
                   orderby p.MemberId
                   select new SubscriberRow(p, member.Email!, member.DisplayName);
        return await rows.Take(pageSize).ToListAsync(cancellationToken);
    }

    private sealed record SubscriberRow(MemberPreferences Preferences, string Email, string DisplayName);
}

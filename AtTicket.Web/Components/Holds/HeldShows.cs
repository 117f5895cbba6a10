namespace AtTicket.Web.Components.Holds;

/// <summary>A live hold with the show it is for, to name and link it.</summary>
public sealed record HeldShow(HoldView Hold, PerformanceView Performance)
{
    public string Link => $"/performances/{Performance.Id}";
}

/// <summary>The member's live holds with their shows: for the site's hold banner and the one-hold refusal.</summary>
public sealed class HeldShows(HoldViewReader holds, CatalogReader catalog)
{
    public async Task<IReadOnlyList<HeldShow>> ListAsync(string memberId, CancellationToken cancellationToken = default)
    {
        var shows = new List<HeldShow>();
        foreach (var hold in await holds.ListLiveAsync(memberId, cancellationToken))
        {
            if (await catalog.GetPerformanceAsync(hold.PerformanceId, includeUnpublished: true, cancellationToken) is { } performance)
            {
                shows.Add(new HeldShow(hold, performance));
            }
        }

        return shows;
    }
}

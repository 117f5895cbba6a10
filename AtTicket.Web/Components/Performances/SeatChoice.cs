namespace AtTicket.Web.Components.Performances;

/// <summary>
/// A guest's chosen seats carried through login and registration in the return URL
/// ("/performances/7?hold=101,102"), so the seat map holds them when the member comes back.
/// </summary>
public static class SeatChoice
{
    public const string QueryKey = "hold";

    /// <summary>Where the login page sends the member back: the map, with the seats to hold on arrival.</summary>
    public static string ReturnUrl(int performanceId, IReadOnlyCollection<int> seatIds) =>
        seatIds.Count == 0
            ? $"/performances/{performanceId}"
            : $"/performances/{performanceId}?{QueryKey}={string.Join(',', seatIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))}";

    /// <summary>
    /// The seat ids of a return URL: distinct positive numbers, at most <paramref name="max"/>;
    /// anything else (a hand-edited link) gives none. Whether the seats belong to the performance
    /// is for the page to check.
    /// </summary>
    public static IReadOnlyList<int> Parse(string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var ids = new List<int>();
        foreach (var part in value.Split(','))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0 || ids.Contains(id))
            {
                return [];
            }

            ids.Add(id);
        }

        return ids.Count <= max ? ids : [];
    }
}

namespace AtTicket.Web.Components.Admin.Bookings;

/// <summary>
/// Finds a booking when the admin does not know its performance (a customer calls with a number or an email):
/// searches every performance and links to the performance's bookings, filtered to the booking, where it can be opened or cancelled.
/// </summary>
public partial class BookingSearch(BookingReader bookings)
{
    internal const int Limit = 50;

    private string? _term;
    private string? _searched;
    private IReadOnlyList<BookingSearchHit>? _hits;
    private bool _moreMatch;
    private bool _searching;

    private async Task SearchAsync()
    {
        var term = _term?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            (_hits, _searched) = (null, null);
            return;
        }

        _searching = true;
        StateHasChanged();
        try
        {
            // One more than shown, so the page can tell "exactly 50" from "more than 50".
            var hits = await bookings.SearchAllPerformancesAsync(term, Limit + 1);
            _moreMatch = hits.Count > Limit;
            _hits = _moreMatch ? [.. hits.Take(Limit)] : hits;
            _searched = term;
        }
        finally
        {
            _searching = false;
        }
    }
}

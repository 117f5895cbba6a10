using AtTicket.Infrastructure.Bookings;
using Microsoft.AspNetCore.Components;

namespace AtTicket.Web.Components.Admin.Bookings;

/// <summary>
/// Finds a booking when the admin does not know its performance (a customer calls with a number or an email):
/// searches every performance and links to the performance's bookings, filtered to the booking, where it can be opened or cancelled.
/// </summary>
public partial class BookingSearch
{
    internal const int Limit = 50;

    private string? _term;
    private string? _searched;
    private IReadOnlyList<BookingSearchHit>? _hits;
    private bool _searching;

    [Inject] private BookingReader Bookings { get; set; } = default!;

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
            _hits = await Bookings.SearchAllPerformancesAsync(term, Limit);
            _searched = term;
        }
        finally
        {
            _searching = false;
        }
    }
}

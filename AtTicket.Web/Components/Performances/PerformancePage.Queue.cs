using AtTicket.Domain.Queues;

namespace AtTicket.Web.Components.Performances;

/// <summary>The waiting line in front of the seat map, when the on-sale runs behind one.</summary>
public partial class PerformancePage
{
    /// <summary>When the line admitted the member: until when they may shop.</summary>
    private DateTimeOffset? _admittedUntil;

    /// <summary>
    /// A member the line has not admitted is sent to wait in it (the holds API would refuse them anyway); answers
    /// whether the page may show the seat map. Guests see it: holding asks them to log in, then the line takes over.
    /// </summary>
    private async Task<bool> PassLineAsync()
    {
        _admittedUntil = null;
        if (MemberId is not { } memberId || await lines.RulesAsync(Id) is not { } rules)
        {
            return true;
        }

        var place = await room.PlaceAsync(Id, memberId, rules, knownEpoch: null);
        if (place.Standing == QueueStanding.Admitted)
        {
            _admittedUntil = place.AdmittedUntil;
            return true;
        }

        // A full load: the waiting page is static (no circuit), see QueuePage.
        navigation.NavigateTo($"/queue/{Id}", forceLoad: true);
        return false;
    }
}

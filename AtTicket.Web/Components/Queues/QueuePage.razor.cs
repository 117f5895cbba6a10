using AtTicket.Domain.Queues;
using AtTicket.Infrastructure.Queues;

namespace AtTicket.Web.Components.Queues;

/// <summary>
/// The waiting room of one performance: the page draws the frame and hands js/queue.js its texts, already
/// localized on the server (the script only fills in numbers); the script joins, asks and leaves through the API.
/// </summary>
public partial class QueuePage(CatalogReader catalog, WaitingLines lines, NavigationManager navigation)
{
    private PerformanceView? _performance;
    private QueueRules? _rules;

    [Parameter]
    public int PerformanceId { get; set; }

    private int WindowMinutes => (int)Math.Round(_rules!.ShoppingWindow.TotalMinutes);

    protected override async Task OnInitializedAsync()
    {
        _performance = await catalog.GetPerformanceAsync(PerformanceId, includeUnpublished: false);
        if (_performance is null)
        {
            navigation.NotFound();
            return;
        }

        _rules = await lines.RulesAsync(PerformanceId);
        if (_rules is null)
        {
            // No line (or it has ended): the seat map is open to everyone.
            navigation.NavigateTo($"/performances/{PerformanceId}");
        }
    }

    /// <summary>
    /// How often a member minutes away from their turn asks: every 15 s instead of 3 s cuts a long line's cost on
    /// the nodes about five-fold, but never so seldom that two missed asks would outlast the grace period.
    /// </summary>
    internal static int FarPollMilliseconds(QueueRules rules) =>
        (int)Math.Min(15_000, Math.Max(3_000, rules.Grace.TotalMilliseconds / 3));

    /// <summary>What js/queue.js reads from the page, as data-* attributes of its frame.</summary>
    private IEnumerable<KeyValuePair<string, object>> ScriptData => [.. Settings, .. StatusTexts, .. WaitTexts];

    /// <summary>Where the script asks and where it sends the member, the language of its numbers, how often it asks from far back.</summary>
    private Dictionary<string, object> Settings => new()
    {
        ["data-api"] = $"/api/performances/{PerformanceId}/queue",
        ["data-seatmap"] = $"/performances/{PerformanceId}",
        ["data-login"] = $"/Account/Login?returnUrl={Uri.EscapeDataString($"/queue/{PerformanceId}")}",
        ["data-lang"] = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
        ["data-far-poll-ms"] = FarPollMilliseconds(_rules!),
    };

    /// <summary>The status line, with {0} where the script puts a number; plurals as "-one" and "-other".</summary>
    private Dictionary<string, object> StatusTexts => new()
    {
        ["data-t-before"] = L["The line opens at {0}. Your place is drawn at random then: arriving early gives no advantage.", Formats.DateTime(_rules!.OpensAt)].Value,
        ["data-t-waiting"] = L["You are in line. This page updates by itself; keep it open."].Value,
        ["data-t-paused"] = L["The line is paused for now. You keep your place; it moves again when admissions resume."].Value,
        ["data-t-admitted-one"] = L["It is your turn! You have {0} minute to choose seats and pay. Taking you to the seat map…"].Value,
        ["data-t-admitted-other"] = L["It is your turn! You have {0} minutes to choose seats and pay. Taking you to the seat map…"].Value,
        ["data-t-reset"] = L["The line had to be restarted. You have joined it again; your place is new."].Value,
        ["data-t-left"] = L["You left the line. Come back to this page to join again, at the end of the line."].Value,
        ["data-t-offline"] = L["We cannot reach AtTicket just now. Keep this page open: it keeps trying and you keep your place."].Value,
        ["data-t-busy"] = L["Too many people are joining from your network. Trying again in a moment."].Value,
    };

    /// <summary>The estimated wait, with {0} and its plurals as in the status line.</summary>
    private Dictionary<string, object> WaitTexts => new()
    {
        ["data-t-wait-soon"] = L["Less than a minute"].Value,
        ["data-t-wait-one"] = L["About {0} minute"].Value,
        ["data-t-wait-other"] = L["About {0} minutes"].Value,
        ["data-t-wait-unknown"] = L["As members ahead finish buying"].Value,
        ["data-t-wait-paused"] = L["Paused until admissions resume"].Value,
    };
}

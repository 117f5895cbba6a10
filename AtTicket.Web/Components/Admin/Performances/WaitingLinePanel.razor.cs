using AtTicket.Domain.Queues;
using AtTicket.Infrastructure.Queues;

namespace AtTicket.Web.Components.Admin.Performances;

/// <summary>
/// Puts a performance's on-sale behind a waiting line and runs it: rules, pause and resume, end; the counts
/// are read again every few seconds while the panel is open (the line's store answers them in one call).
/// </summary>
public partial class WaitingLinePanel(
    WaitingLines lines, IWaitingRoom room, TimeProvider time, IDialogService dialogs, ISnackbar snackbar, ILogger<WaitingLinePanel> logger)
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(3);

    private QueueRules? _rules;
    private QueueCounts _counts = new(0, 0);
    private WaitingLineDraft _form = new();
    private PeriodicTimer? _timer;
    private bool _busy;
    private string? _error;

    [Parameter, EditorRequired]
    public int PerformanceId { get; set; }

    protected override async Task OnInitializedAsync()
    {
        await ReadAsync();
        _form = WaitingLineDraft.From(_rules, time.GetUtcNow());
        _timer = new PeriodicTimer(Refresh, time);
        _ = RefreshAsync(_timer);
    }

    public void Dispose() => _timer?.Dispose();

    private async Task ReadAsync()
    {
        _rules = await lines.RulesAsync(PerformanceId);
        _counts = _rules is null ? new QueueCounts(0, 0) : await room.CountAsync(PerformanceId);
    }

    private async Task RefreshAsync(PeriodicTimer timer)
    {
        while (await timer.WaitForNextTickAsync())
        {
            try
            {
                await ReadAsync();
                await InvokeAsync(StateHasChanged);
            }
            catch (Exception exception) when (exception is not ObjectDisposedException)
            {
                logger.LogWarning(exception, "Reading the waiting line of performance {PerformanceId} failed", PerformanceId);
            }
        }
    }

    private async Task SaveAsync(bool paused)
    {
        _error = null;
        _busy = true;
        try
        {
            var starting = _rules is null;
            await lines.SetAsync(PerformanceId, _form.ToRules(paused));
            await ReadAsync();
            snackbar.Add(starting ? L["The waiting line is on."] : paused ? L["Admissions are paused."] : L["The line's rules are saved."], Severity.Success);
        }
        catch (DomainException exception)
        {
            _error = L.Localize(exception);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task EndAsync()
    {
        var confirmed = await dialogs.ConfirmAsync(
            L["End the waiting line?"],
            L["Everyone may choose seats at once, and members still waiting lose their places."],
            yes: L["End the line"],
            cancel: L["Cancel"]);
        if (!confirmed)
        {
            return;
        }

        _busy = true;
        try
        {
            await lines.RemoveAsync(PerformanceId);
            await ReadAsync();
            _form = WaitingLineDraft.From(null, time.GetUtcNow());
            snackbar.Add(L["The waiting line has ended."], Severity.Success);
        }
        finally
        {
            _busy = false;
        }
    }

    private string StateText(QueueRules rules) =>
        rules.Paused ? L["Paused"] : time.GetUtcNow() < rules.OpensAt ? L["Not open yet"] : L["Admitting"];

    private string TimeToClearText(QueueRules rules) => _counts.TimeToClear(rules) switch
    {
        null => L["Depends on buyers"],
        { TotalMinutes: < 1 } => L["Under a minute"],
        { } left => L.Count((int)Math.Ceiling(left.TotalMinutes), "{0} min", "{0} min"),
    };
}

using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Messaging;

namespace AtTicket.Web.Components.Admin.Messages;

/// <summary>What the outbox and the mail worker have not done yet: the outbox lag, counts, both lists, and a retry for parked mails.</summary>
public partial class MessagesPage
{
    /// <summary>How many rows of each kind a list shows; the counts above say how many there are in all.</summary>
    public const int ListLimit = 50;

    private OutboxCounts? _outboxCounts;
    private MailDeliveryCounts? _mailCounts;
    private IReadOnlyList<OutboxRow> _outbox = [];
    private IReadOnlyList<MailDeliveryRow> _mails = [];
    private int _tab;

    [Inject] private OutboxReader Outbox { get; set; } = default!;
    [Inject] private MailDeliveryStore Deliveries { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var cancellation = CancellationToken.None;
        _outboxCounts = await Outbox.CountAsync(cancellation);
        _mailCounts = await Deliveries.CountAsync(cancellation);
        _outbox = await Outbox.ListAsync(ListLimit, cancellation);

        // Failed first: they wait for an admin. Then the newest of the rest.
        var failed = await Deliveries.ListAsync(MailDeliveryStatus.Failed, ListLimit, cancellation);
        var recent = await Deliveries.ListAsync(null, ListLimit, cancellation);
        _mails = [.. failed, .. recent.Where(d => d.Status != MailDeliveryStatus.Failed).Take(ListLimit)];
    }
}

using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Messaging;

namespace AtTicket.Web.Components.Admin.Messages;

/// <summary>What the outbox and the mail worker have not done yet: the outbox lag, counts, both lists, and a retry for parked mails.</summary>
public partial class MessagesPage(OutboxReader outbox, MailDeliveryStore deliveries, TimeProvider time)
{
    /// <summary>How many rows of each kind a list shows; the counts above say how many there are in all.</summary>
    public const int ListLimit = 50;

    private OutboxCounts? _outboxCounts;
    private MailDeliveryCounts? _mailCounts;
    private IReadOnlyList<OutboxRow> _outbox = [];
    private IReadOnlyList<MailDeliveryRow> _mails = [];
    private int _tab;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var cancellation = CancellationToken.None;
        _outboxCounts = await outbox.CountAsync(cancellation);
        _mailCounts = await deliveries.CountAsync(cancellation);
        _outbox = await outbox.ListAsync(ListLimit, cancellation);

        // Failed first: they wait for an admin. Then the newest of the rest.
        var failed = await deliveries.ListAsync(MailDeliveryStatus.Failed, ListLimit, cancellation);
        var recent = await deliveries.ListAsync(null, ListLimit, cancellation);
        _mails = [.. failed, .. recent.Where(d => d.Status != MailDeliveryStatus.Failed).Take(ListLimit)];
    }
}

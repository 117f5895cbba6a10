using AtTicket.Infrastructure.Messaging;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtTicket.Infrastructure.Mail;

/// <summary>
/// The mail consumer on every node (unless <c>Mail:Worker:Enabled</c> is false): takes the bus
/// messages some <see cref="IMailComposer"/> turns into mails, and delivers each mail once. With
/// Kafka it is a member of the consumer group <see cref="ConsumerGroup"/>, which commits a message
/// only after all its mails were sent or parked; in process it subscribes under the same name.
/// </summary>
public sealed class MailWorker : BackgroundService
{
    public const string ConsumerGroup = "atticket-mail";

    private readonly IReadOnlyDictionary<string, IMailComposer> _composers;
    private readonly MailDeliveryService _deliveries;
    private readonly InProcessMessageBus _inProcess;
    private readonly KafkaOptions _kafka;
    private readonly MailOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MailWorker> _logger;
    private IAsyncDisposable? _subscription;

    public MailWorker(
        IEnumerable<IMailComposer> composers,
        MailDeliveryService deliveries,
        InProcessMessageBus inProcess,
        IOptions<KafkaOptions> kafka,
        IOptions<MailOptions> options,
        TimeProvider time,
        ILogger<MailWorker> logger)
    {
        _composers = composers.ToDictionary(c => c.MessageType); // two composers for one type is a wiring mistake: fail at start
        _deliveries = deliveries;
        _inProcess = inProcess;
        _kafka = kafka.Value;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public IReadOnlyCollection<string> MessageTypes => [.. _composers.Keys];

    /// <summary>
    /// Subscribes to the in-process bus before any later hosted service starts: the outbox dispatcher
    /// is registered after this worker, so nothing is published before the subscription exists.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Worker.Enabled && !_kafka.IsConfigured)
        {
            _subscription = _inProcess.Subscribe(ConsumerGroup, HandleAsync);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Worker.Enabled || !_kafka.IsConfigured || _composers.Count == 0)
        {
            return;
        }

        var config = new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = ConsumerGroup };
        await new KafkaConsumer(config, _time, _logger).RunAsync(_composers.Keys, HandleAsync, stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
            _subscription = null;
        }

        await base.StopAsync(cancellationToken);
    }

    /// <summary>Every mail of one message, each delivered once; throws (so the bus delivers the message again) only when the database or a composer fails.</summary>
    public async Task HandleAsync(BusMessage message, CancellationToken cancellationToken)
    {
        if (!_composers.TryGetValue(message.Type, out var composer))
        {
            return;
        }

        await foreach (var mail in composer.ComposeAsync(message, cancellationToken))
        {
            await _deliveries.DeliverAsync(message, mail, cancellationToken);
        }
    }
}

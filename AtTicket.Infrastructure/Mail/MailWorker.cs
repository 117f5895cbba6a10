using Confluent.Kafka;

namespace AtTicket.Infrastructure.Mail;

/// <summary>
/// The mail consumer on every node (unless <c>Mail:Worker:Enabled</c> is false): takes the bus
/// messages some <see cref="IMailComposer"/> turns into mails, and delivers each mail once. With
/// Kafka it is a member of the consumer group <see cref="ConsumerGroup"/>, which commits a message
/// only after all its mails were sent or parked; in process it subscribes under the same name.
/// Up to <see cref="MailWorkerOptions.Parallelism"/> mails are sent at once: as many messages are
/// handled side by side (one aggregate's in order), and the mails of one message (an alert to every
/// subscriber) go out side by side too, all under one limit per node.
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
    private readonly SemaphoreSlim _sending;
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
        _sending = new SemaphoreSlim(_options.Worker.Parallelism);
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
            _subscription = _inProcess.Subscribe(ConsumerGroup, HandleAsync, _options.Worker.Parallelism);
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
        await new KafkaConsumer(config, _time, _logger).RunAsync(_composers.Keys, HandleAsync, stoppingToken, _options.Worker.Parallelism);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host may stop a service twice at once (the test host did): only the first takes the subscription.
        if (Interlocked.Exchange(ref _subscription, null) is { } subscription)
        {
            await subscription.DisposeAsync();
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

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Worker.Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(composer.ComposeAsync(message, cancellationToken), parallel, async (mail, ct) =>
        {
            await _sending.WaitAsync(ct);
            try
            {
                await _deliveries.DeliverAsync(message, mail, ct);
            }
            finally
            {
                _sending.Release();
            }
        });
    }

    public override void Dispose()
    {
        _sending.Dispose();
        base.Dispose();
    }
}

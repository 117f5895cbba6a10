using AtTicket.Infrastructure.Telemetry;

namespace AtTicket.Infrastructure.Messaging;

/// <summary>The outcome of one pass over the outbox.</summary>
public sealed record DispatchPass(int Published, bool BusFailed);

/// <summary>
/// Runs on every node: claims pending outbox rows in order of occurrence, publishes them and marks
/// them dispatched. While the bus fails it backs off (doubling up to a limit), says so once in the
/// log, and /health/ready reports degraded; the rows wait in the table meanwhile.
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxStore store,
    IMessageBus bus,
    BusHealth health,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    AtTicketMetrics metrics,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            bool failed;
            try
            {
                failed = (await DispatchPendingAsync(stoppingToken)).BusFailed;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogOutboxUnreadable(exception);
                failed = true;
            }

            backoff = failed ? NextBackoff(backoff) : TimeSpan.Zero;
            try
            {
                await Task.Delay(failed ? backoff : TimeSpan.FromMilliseconds(_options.PollMilliseconds), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Publishes until nothing is left to claim, or until the bus fails.</summary>
    public async Task<DispatchPass> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        var lease = TimeSpan.FromSeconds(_options.LeaseSeconds);
        while (true)
        {
            var token = Guid.NewGuid();
            var batch = await store.ClaimAsync(token, _options.BatchSize, time.GetUtcNow(), lease, cancellationToken);
            if (batch.Count == 0)
            {
                return new DispatchPass(published, BusFailed: false);
            }

            // Every publish of the batch is started at once (Kafka sends them in one go and acknowledges
            // them together; its idempotent producer keeps each partition's order), then awaited in order.
            var publishing = batch.Select(message => PublishAsync(message, cancellationToken)).ToList();
            var done = new List<Guid>(batch.Count);
            Exception? failure = null;
            Guid failed = default;
            for (var i = 0; i < batch.Count; i++)
            {
                var error = await publishing[i];
                if (error is null)
                {
                    done.Add(batch[i].Id);
                }
                else if (failure is null)
                {
                    (failure, failed) = (error, batch[i].Id);
                }
            }

            await store.MarkDispatchedAsync(done, token, time.GetUtcNow(), CancellationToken.None);
            published += done.Count;
            if (failure is not null)
            {
                await store.RecordFailureAsync(failed, token, failure.Message, CancellationToken.None);
                await store.ReleaseAsync(token, CancellationToken.None);
                if (!health.IsDown)
                {
                    LogBusDown(failure, failed);
                }

                health.Down(failure.Message);
                return new DispatchPass(published, BusFailed: true);
            }

            if (health.IsDown)
            {
                health.Up();
                LogBusBack();
            }
        }
    }

    /// <returns>Null when the bus accepted the message, otherwise why not.</returns>
    private async Task<Exception?> PublishAsync(BusMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await bus.PublishAsync(message, cancellationToken);
            metrics.OutboxLag(time.GetUtcNow() - message.OccurredAt);
            return null;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return exception;
        }
    }

    private TimeSpan NextBackoff(TimeSpan current)
    {
        var next = current == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : current * 2;
        var max = TimeSpan.FromSeconds(_options.MaxBackoffSeconds);
        return next > max ? max : next;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The message bus is unreachable; outbox message {MessageId} and those after it stay pending and are retried with backoff.")]
    private partial void LogBusDown(Exception exception, Guid messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The message bus answers again; the outbox dispatcher resumes.")]
    private partial void LogBusBack();

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox dispatcher could not read or update the outbox table; it tries again after a pause.")]
    private partial void LogOutboxUnreadable(Exception exception);
}

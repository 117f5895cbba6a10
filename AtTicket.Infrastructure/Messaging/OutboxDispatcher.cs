using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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

            foreach (var message in batch)
            {
                try
                {
                    await bus.PublishAsync(message, cancellationToken);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    await store.RecordFailureAsync(message.Id, token, exception.Message, CancellationToken.None);
                    await store.ReleaseAsync(token, CancellationToken.None);
                    if (!health.IsDown)
                    {
                        LogBusDown(exception, message.Id);
                    }

                    health.Down(exception.Message);
                    return new DispatchPass(published, BusFailed: true);
                }

                await store.MarkDispatchedAsync(message.Id, token, time.GetUtcNow(), CancellationToken.None);
                published++;
                if (health.IsDown)
                {
                    health.Up();
                    LogBusBack();
                }
            }
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

using AtTicket.Domain.Bookings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtTicket.Infrastructure.Bookings;

/// <summary>
/// Runs <see cref="BookingReconciler"/> when the node starts and then every
/// <see cref="ReconcilerOptions.Interval"/> (a minute unless configured): checkouts left
/// pending are cancelled or refunded, refunds that failed earlier are paid. A failed round is logged
/// and the next one tries again; every node may run it.
/// </summary>
public sealed class BookingReconcilerService(BookingReconciler reconciler, ReconcilerOptions options, TimeProvider time, ILogger<BookingReconcilerService> logger) : BackgroundService
{
    private TimeSpan Interval => options.Interval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var report = await reconciler.ReconcileOnceAsync(stoppingToken);
                if (report.Cancelled + report.Refunded + report.StillOwed > 0)
                {
                    logger.LogInformation(
                        "Reconciled bookings: {Cancelled} unpaid checkouts cancelled, {Refunded} refunds paid, {StillOwed} refunds still owed",
                        report.Cancelled,
                        report.Refunded,
                        report.StillOwed);
                }

                foreach (var failure in report.Failures)
                {
                    logger.LogWarning(failure.Error, "Reconciling booking {BookingId} failed; trying again in {Interval}", failure.BookingId, Interval);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Reconciling bookings failed; trying again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

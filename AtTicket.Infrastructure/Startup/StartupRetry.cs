using System.Diagnostics;
using Polly;
using Polly.Retry;

namespace AtTicket.Infrastructure.Startup;

/// <summary>
/// Waits for one service at start-up: a log line per failed attempt, then a <see cref="StartupFailedException"/>
/// naming the service and the last error. A probe throws <see cref="StartupFailedException"/> itself for
/// what waiting cannot mend (a wrong password, a missing privilege).
/// </summary>
internal static partial class StartupRetry
{
    public static async Task WaitForAsync(string service, Func<CancellationToken, ValueTask> probe, StartupOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await Pipeline(service, options, logger).ExecuteAsync(probe, cancellationToken);
        }
        catch (Exception exception) when (WorthWaitingFor(exception))
        {
            throw new StartupFailedException(
                $"{service} did not answer after {options.Attempts} attempt(s) over {clock.Elapsed.TotalSeconds:0} s: {exception.GetBaseException().Message}",
                exception);
        }
    }

    private static ResiliencePipeline Pipeline(string service, StartupOptions options, ILogger logger)
    {
        if (options.Attempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(WorthWaitingFor),
            MaxRetryAttempts = options.Attempts - 1,
            Delay = options.Delay,
            BackoffType = DelayBackoffType.Constant,
            UseJitter = false,
            OnRetry = retry =>
            {
                LogNotYet(logger, service, retry.AttemptNumber + 1, options.Attempts, retry.Outcome.Exception?.GetBaseException().Message, retry.RetryDelay.TotalSeconds);
                return default;
            },
        }).Build();
    }

    private static bool WorthWaitingFor(Exception exception) => exception is not (StartupFailedException or OperationCanceledException);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} is not reachable yet (attempt {Attempt} of {Attempts}): {Reason} (next try in {Seconds} s)")]
    private static partial void LogNotYet(ILogger logger, string service, int attempt, int attempts, string? reason, double seconds);
}

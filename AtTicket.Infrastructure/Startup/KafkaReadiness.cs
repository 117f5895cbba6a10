using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace AtTicket.Infrastructure.Startup;

/// <summary>Asks the brokers for their metadata; librdkafka would otherwise retry in the background without a word.</summary>
internal static class KafkaReadiness
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static async Task WaitAsync(string bootstrapServers, StartupOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        // librdkafka's own complaints would print a line per connection try; the retry's lines say it once per attempt.
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers })
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, _) => { })
            .Build();
        await StartupRetry.WaitForAsync($"Kafka at {bootstrapServers}", token => Probe(admin, token), options, logger, cancellationToken);
    }

    private static async ValueTask Probe(IAdminClient admin, CancellationToken cancellationToken)
    {
        var metadata = await Task.Run(() => admin.GetMetadata(Patience), cancellationToken);
        if (metadata.Brokers.Count == 0)
        {
            throw new KafkaException(ErrorCode.Local_AllBrokersDown);
        }
    }
}

using Confluent.Kafka;

namespace AtTicket.Infrastructure.Startup;

/// <summary>Asks the brokers for their metadata; librdkafka would otherwise retry in the background without a word.</summary>
internal static class KafkaReadiness
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static async Task WaitAsync(string bootstrapServers, StartupOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        using var admin = KafkaMetadata.OpenAdmin(bootstrapServers, quiet: true);
        await StartupRetry.WaitForAsync($"Kafka at {bootstrapServers}", token => Probe(admin, token), options, logger, cancellationToken);
    }

    private static async ValueTask Probe(IAdminClient admin, CancellationToken cancellationToken)
    {
        if (!await Task.Run(() => KafkaMetadata.AnyBrokerAnswers(admin, Patience), cancellationToken))
        {
            throw new KafkaException(ErrorCode.Local_AllBrokersDown);
        }
    }
}

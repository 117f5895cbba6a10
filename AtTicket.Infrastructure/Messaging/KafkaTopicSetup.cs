using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace AtTicket.Infrastructure.Messaging;

/// <summary>
/// Brings a consumer's topics into being before it subscribes. A group subscribed to topics that do
/// not exist yet sees each one only at a metadata refresh, and every topic that appears later makes
/// the whole group rebalance: two nodes on a fresh cluster, whose four topics appeared one by one
/// with the first messages, stalled their mail for over a minute.
/// </summary>
internal static partial class KafkaTopicSetup
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static async Task EnsureAsync(string bootstrapServers, IReadOnlyList<string> topics, ILogger logger, CancellationToken cancellationToken)
    {
        using var admin = KafkaMetadata.OpenAdmin(bootstrapServers);
        var missing = await Task.Run(() => topics.Where(topic => !KafkaMetadata.TopicExists(admin, topic, Patience)).ToList(), cancellationToken);
        if (missing.Count == 0)
        {
            return;
        }

        try
        {
            var specifications = missing.Select(topic => new TopicSpecification { Name = topic, NumPartitions = -1, ReplicationFactor = -1 }); // the broker's defaults
            await admin.CreateTopicsAsync(specifications, new CreateTopicsOptions { RequestTimeout = Patience });
        }
        catch (CreateTopicsException exception) when (exception.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
        }
        catch (KafkaException exception)
        {
            LogTopicsMissing(logger, exception, string.Join(", ", missing));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka topics {Topics} neither exist nor could be created; the consumer subscribes anyway and sees them only once they appear.")]
    private static partial void LogTopicsMissing(ILogger logger, Exception exception, string topics);
}

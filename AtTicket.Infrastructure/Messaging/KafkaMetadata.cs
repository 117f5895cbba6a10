using Confluent.Kafka;

namespace AtTicket.Infrastructure.Messaging;

/// <summary>The broker questions start-up and topic set-up both ask, through one admin client each.</summary>
internal static class KafkaMetadata
{
    /// <param name="quiet">
    /// Drops librdkafka's own log and error lines, which would print one per connection try; the
    /// caller says what went wrong once.
    /// </param>
    public static IAdminClient OpenAdmin(string bootstrapServers, bool quiet = false)
    {
        var builder = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers });
        return quiet ? builder.SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build() : builder.Build();
    }

    public static bool AnyBrokerAnswers(IAdminClient admin, TimeSpan patience) =>
        admin.GetMetadata(patience).Brokers.Count > 0;

    /// <remarks>Asking for a topic by name creates it on a broker that allows automatic creation (Kafka's default).</remarks>
    public static bool TopicExists(IAdminClient admin, string topic, TimeSpan patience)
    {
        try
        {
            return admin.GetMetadata(topic, patience).Topics.Single().Error.Code is ErrorCode.NoError or ErrorCode.LeaderNotAvailable;
        }
        catch (KafkaException)
        {
            return false;
        }
    }
}

using Confluent.Kafka;

namespace AtTicket.Infrastructure.Tests.Messaging;

/// <summary>
/// librdkafka's mock cluster: real Kafka protocol on a loopback port, living as long as the client
/// handle that created it. Other clients connect to <see cref="BootstrapServers"/> like to a broker.
/// </summary>
public sealed class KafkaMockCluster : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly IAdminClient _owner;

    public KafkaMockCluster()
    {
        var config = new AdminClientConfig { BootstrapServers = "mock" };
        config.Set("test.mock.num.brokers", "1");
        _owner = new AdminClientBuilder(config).Build();
        var broker = _owner.GetMetadata(Patience).Brokers.Single();
        BootstrapServers = $"127.0.0.1:{broker.Port}";
    }

    public string BootstrapServers { get; }

    public ConsumerConfig Consumer(string group) => new() { BootstrapServers = BootstrapServers, GroupId = group, AutoOffsetReset = AutoOffsetReset.Earliest };

    /// <summary>How many messages on <paramref name="topic"/> the group has not committed yet (all of them before its first commit).</summary>
    public long Uncommitted(string group, string topic)
    {
        var partitions = _owner.GetMetadata(topic, Patience).Topics.Single().Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId))
            .ToList();
        using var reader = new ConsumerBuilder<Ignore, Ignore>(Consumer(group)).Build(); // never subscribes, so it does not join the group
        var committed = reader.Committed(partitions, Patience).ToDictionary(c => c.TopicPartition, c => c.Offset);
        return partitions.Sum(p =>
        {
            var end = reader.QueryWatermarkOffsets(p, Patience).High.Value;
            var done = committed[p];
            return end - (done == Offset.Unset ? 0 : done.Value);
        });
    }

    /// <summary>
    /// Waits until the cluster has every one of <paramref name="topics"/>. Reads the metadata of all
    /// topics: asking for one by name would let this client's own request create it.
    /// </summary>
    public async Task WaitUntilTopicsExistAsync(IEnumerable<string> topics, CancellationToken cancellationToken)
    {
        var wanted = topics.ToHashSet();
        var deadline = DateTime.UtcNow + Patience;
        while (!wanted.IsSubsetOf(_owner.GetMetadata(Patience).Topics.Where(t => !t.Error.IsError).Select(t => t.Topic)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The cluster never got every topic of {string.Join(", ", wanted)}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    public void Dispose() => _owner.Dispose();
}

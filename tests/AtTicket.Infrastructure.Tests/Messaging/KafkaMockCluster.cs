using Confluent.Kafka;

namespace AtTicket.Infrastructure.Tests.Messaging;

/// <summary>
/// librdkafka's mock cluster: real Kafka protocol on a loopback port, living as long as the client
/// handle that created it. Other clients connect to <see cref="BootstrapServers"/> like to a broker.
/// </summary>
public sealed class KafkaMockCluster : IDisposable
{
    private readonly IAdminClient _owner;

    public KafkaMockCluster()
    {
        var config = new AdminClientConfig { BootstrapServers = "mock" };
        config.Set("test.mock.num.brokers", "1");
        _owner = new AdminClientBuilder(config).Build();
        var broker = _owner.GetMetadata(TimeSpan.FromSeconds(30)).Brokers.Single();
        BootstrapServers = $"127.0.0.1:{broker.Port}";
    }

    public string BootstrapServers { get; }

    public ConsumerConfig Consumer(string group) => new() { BootstrapServers = BootstrapServers, GroupId = group, AutoOffsetReset = AutoOffsetReset.Earliest };

    public void Dispose() => _owner.Dispose();
}

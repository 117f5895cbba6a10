using Confluent.Kafka;

namespace AtTicket.LoadBench.Setup;

/// <summary>
/// <c>AtTicket.LoadBench kafka-mock</c>: librdkafka's mock cluster (one broker) as a process of its own,
/// so both nodes can use it as their Kafka. Prints its bootstrap address on the first line and keeps
/// the cluster alive until the process is stopped.
/// </summary>
public static class KafkaMockProcess
{
    public static async Task<int> RunAsync()
    {
        var config = new AdminClientConfig { BootstrapServers = "mock" };
        config.Set("test.mock.num.brokers", "1");
        using var owner = new AdminClientBuilder(config).Build();
        var broker = owner.GetMetadata(TimeSpan.FromSeconds(30)).Brokers.Single();
        Console.WriteLine($"127.0.0.1:{broker.Port}");
        using var stopped = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopped.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.Cancel();
        try
        {
            await Task.Delay(Timeout.Infinite, stopped.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }
}

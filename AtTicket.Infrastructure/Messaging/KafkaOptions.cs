namespace AtTicket.Infrastructure.Messaging;

public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    /// <summary>Empty: the in-process bus. Otherwise <c>host:port[,host:port]</c> of the brokers.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>How long the producer keeps trying one message before it reports a failure.</summary>
    public int MessageTimeoutMilliseconds { get; set; } = 30_000;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BootstrapServers);
}

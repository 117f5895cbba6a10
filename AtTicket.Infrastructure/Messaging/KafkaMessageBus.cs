using System.Text;
using Confluent.Kafka;

namespace AtTicket.Infrastructure.Messaging;

/// <summary>
/// Publishes to Kafka with an idempotent producer and <c>acks=all</c>: a publish returns once every
/// in-sync replica has the message, and the producer's retries never write it twice. The key is the
/// aggregate id (one aggregate's events stay in order on one partition); the headers carry the
/// message id, which consumers deduplicate on, and the type.
/// </summary>
public sealed class KafkaMessageBus : IMessageBus, IDisposable
{
    private readonly IProducer<string, string> _producer;
    private int _disposed;

    public KafkaMessageBus(IOptions<KafkaOptions> options)
        : this(new ProducerConfig { BootstrapServers = options.Value.BootstrapServers, MessageTimeoutMs = options.Value.MessageTimeoutMilliseconds })
    {
    }

    public KafkaMessageBus(ProducerConfig config)
    {
        config.EnableIdempotence = true;
        config.Acks = Acks.All;
        _producer = new ProducerBuilder<string, string>(config).Build();
    }

    public async Task PublishAsync(BusMessage message, CancellationToken cancellationToken)
    {
        var headers = new Headers
        {
            { KafkaTopics.MessageIdHeader, Encoding.UTF8.GetBytes(message.Id.ToString()) },
            { KafkaTopics.MessageTypeHeader, Encoding.UTF8.GetBytes(message.Type) },
        };
        await _producer.ProduceAsync(
            KafkaTopics.For(message.Type),
            new Message<string, string> { Key = message.AggregateId, Value = message.Payload, Headers = headers, Timestamp = new Timestamp(message.OccurredAt) },
            cancellationToken);
    }

    /// <summary>Flushes and closes once: the container registers the bus as itself and as <see cref="IMessageBus"/>, and disposes both.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}

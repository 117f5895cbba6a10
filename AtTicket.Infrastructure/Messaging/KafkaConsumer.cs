using System.Text;
using Confluent.Kafka;

namespace AtTicket.Infrastructure.Messaging;

/// <summary>
/// A consumer group member that commits a message's offset only after its handler returned: a
/// consumer that dies before the commit leaves the message to the group, which delivers it again.
/// A handler that throws gets the same message again after a pause (at least once, in order).
/// With several lanes, that many messages are handled at once (a lane per key, so one aggregate's
/// messages stay in order), and a partition's offset is committed only up to the first message
/// not yet handled.
/// </summary>
public sealed partial class KafkaConsumer(ConsumerConfig config, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(IEnumerable<string> types, Func<BusMessage, CancellationToken, Task> handler, CancellationToken stopping, int lanes = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        config.EnableAutoCommit = false;
        config.AutoOffsetReset ??= AutoOffsetReset.Earliest;
        // A topic the group's metadata missed at the join (created by another member a moment
        // later, or without a leader yet) is otherwise assigned only at the next refresh, five minutes on.
        config.TopicMetadataRefreshIntervalMs ??= 10_000;
        var topics = types.Select(KafkaTopics.For).ToList();
        await KafkaTopicSetup.EnsureAsync(config.BootstrapServers, topics, logger, stopping);
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(topics);
        try
        {
            if (lanes > 1)
            {
                await new KafkaLanes(this, consumer, lanes).RunAsync(handler, stopping);
                return;
            }

            while (!stopping.IsCancellationRequested)
            {
                ConsumeResult<string, string> result;
                try
                {
                    result = await Task.Run(() => consumer.Consume(stopping), stopping);
                }
                catch (ConsumeException exception)
                {
                    LogConsumeFailed(exception, config.GroupId);
                    await Task.Delay(TimeSpan.FromSeconds(1), time, stopping);
                    continue;
                }

                var message = ToBusMessage(result);
                await HandleUntilDoneAsync(message, handler, stopping);
                TryCommit(consumer, result, message.Id);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            consumer.Close();
        }
    }

    internal string? Group => config.GroupId;

    internal TimeProvider Time => time;

    internal Task HandleUntilDoneAsync(BusMessage message, Func<BusMessage, CancellationToken, Task> handler, CancellationToken stopping) =>
        Redelivery.HandleUntilDoneAsync(
            message, handler, (exception, delay) => LogRedelivery(exception, config.GroupId, message.Id, delay), time, stopping);

    /// <summary>
    /// A commit fails when the group took the partition away meanwhile (a handler that outlasted
    /// max.poll.interval.ms, a rebalance): the new owner gets the message again and the handler is
    /// idempotent, so this member carries on. Letting it throw would end the worker, and with it the host.
    /// </summary>
    internal void TryCommit(IConsumer<string, string> consumer, ConsumeResult<string, string> result, Guid messageId)
    {
        try
        {
            consumer.Commit(result);
        }
        catch (KafkaException exception)
        {
            LogCommitFailed(exception, config.GroupId, messageId);
        }
    }

    internal static BusMessage ToBusMessage(ConsumeResult<string, string> result)
    {
        string Header(string name) =>
            result.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : throw new InvalidOperationException($"A message on {result.Topic} has no {name} header.");

        return new BusMessage(Guid.Parse(Header(KafkaTopics.MessageIdHeader)), Header(KafkaTopics.MessageTypeHeader), result.Message.Key, result.Message.Value, result.Message.Timestamp.UtcDateTime);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka consumer group {Group} could not read; it tries again.")]
    internal partial void LogConsumeFailed(Exception exception, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer group {Group} handled message {MessageId} but could not commit it; the member that owns its partition now gets it again.")]
    private partial void LogCommitFailed(Exception exception, string group, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer group {Group} failed on message {MessageId}; it is handled again in {Delay} and committed only then.")]
    private partial void LogRedelivery(Exception exception, string group, Guid messageId, TimeSpan delay);
}

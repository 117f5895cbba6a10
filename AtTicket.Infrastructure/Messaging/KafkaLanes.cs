using System.Threading.Channels;
using Confluent.Kafka;

namespace AtTicket.Infrastructure.Messaging;

/// <summary>
/// A <see cref="KafkaConsumer"/> handling several messages at once: the polling loop hands each
/// message to the lane of its key and keeps polling (up to a bounded number of messages in hand);
/// between polls it commits, per partition, the offsets whose message and every earlier one are
/// handled. A member that stops or dies commits nothing it has not finished: the group hands the rest
/// to the next owner (at least once; the handler is idempotent).
/// </summary>
internal sealed class KafkaLanes(KafkaConsumer owner, IConsumer<string, string> consumer, int lanes)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly Channel<Received>[] _lanes = [.. Enumerable.Range(0, lanes).Select(_ => Channel.CreateUnbounded<Received>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true }))];
    private readonly Dictionary<TopicPartition, Queue<Received>> _inHand = [];
    private readonly SemaphoreSlim _room = new(lanes * 4);

    public async Task RunAsync(Func<BusMessage, CancellationToken, Task> handler, CancellationToken stopping)
    {
        var workers = _lanes.Select(lane => Task.Run(() => LaneAsync(lane.Reader, handler, stopping), CancellationToken.None)).ToList();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                CommitHandled();
                if (!await _room.WaitAsync(Poll, stopping))
                {
                    continue; // every lane is busy: commit what they finished meanwhile, then wait again
                }

                ConsumeResult<string, string>? result;
                try
                {
                    result = await Task.Run(() => consumer.Consume(Poll), stopping);
                }
                catch (ConsumeException exception)
                {
                    _room.Release();
                    owner.LogConsumeFailed(exception, owner.Group ?? string.Empty);
                    await Task.Delay(TimeSpan.FromSeconds(1), owner.Time, stopping);
                    continue;
                }

                if (result is null)
                {
                    _room.Release();
                    continue;
                }

                var received = new Received(result, KafkaConsumer.ToBusMessage(result));
                if (!_inHand.TryGetValue(result.TopicPartition, out var queue))
                {
                    _inHand[result.TopicPartition] = queue = new Queue<Received>();
                }

                queue.Enqueue(received);
                _lanes[MessageLanes.Of(result.Message.Key, _lanes.Length)].Writer.TryWrite(received);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var lane in _lanes)
            {
                lane.Writer.TryComplete();
            }

            await Task.WhenAll(workers);
            CommitHandled();
        }
    }

    private async Task LaneAsync(ChannelReader<Received> lane, Func<BusMessage, CancellationToken, Task> handler, CancellationToken stopping)
    {
        try
        {
            await foreach (var received in lane.ReadAllAsync(stopping))
            {
                await owner.HandleUntilDoneAsync(received.Message, handler, stopping);
                received.Handled = true;
                _room.Release();
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // Stopped mid-handling: that message stays uncommitted and goes to the group again.
        }
    }

    /// <summary>Per partition, commits past the longest run of handled messages at the head.</summary>
    private void CommitHandled()
    {
        foreach (var queue in _inHand.Values)
        {
            Received? last = null;
            while (queue.TryPeek(out var head) && head.Handled)
            {
                last = queue.Dequeue();
            }

            if (last is not null)
            {
                owner.TryCommit(consumer, last.Result, last.Message.Id);
            }
        }
    }

    private sealed class Received(ConsumeResult<string, string> result, BusMessage message)
    {
        private volatile bool _handled;

        public ConsumeResult<string, string> Result { get; } = result;

        public BusMessage Message { get; } = message;

        public bool Handled
        {
            get => _handled;
            set => _handled = value;
        }
    }
}

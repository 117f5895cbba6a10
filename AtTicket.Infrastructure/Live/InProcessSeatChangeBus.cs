using System.Collections.Concurrent;

namespace AtTicket.Infrastructure.Live;

/// <summary>
/// One node, no Redis: changes go straight to this node's live states, numbered and delivered one at
/// a time so they arrive in number order. The epoch is this process's: a restart numbers from 1 again.
/// </summary>
public sealed class InProcessSeatChangeBus(LiveSeatStates states) : ISeatChangeBus
{
    private readonly string _epoch = Guid.NewGuid().ToString("N");
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly ConcurrentDictionary<int, long> _sequences = new();

    public async Task<long> PublishAsync(int performanceId, IReadOnlyList<SeatFact> seats, bool reload, DateTimeOffset publishedAt)
    {
        await _turn.WaitAsync();
        try
        {
            var sequence = _sequences[performanceId] = _sequences.GetValueOrDefault(performanceId) + 1;
            await states.ReceiveAsync(new SeatChangeMessage(performanceId, _epoch, sequence, seats, reload, publishedAt));
            return sequence;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Read without waiting for a turn: a live state may load while a change is being delivered.</summary>
    public Task<LiveSequence> CurrentSequenceAsync(int performanceId) =>
        Task.FromResult(_sequences.TryGetValue(performanceId, out var sequence) ? new LiveSequence(_epoch, sequence) : LiveSequence.Unknown);
}

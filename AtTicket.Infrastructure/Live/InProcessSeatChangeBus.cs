using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AtTicket.Domain.Live;

namespace AtTicket.Infrastructure.Live;

/// <summary>One node, no Redis: changes go straight to this node's feed.</summary>
public sealed class InProcessSeatChangeBus(SeatFeed feed) : ISeatChangeBus
{
    private readonly ConcurrentDictionary<int, StrongBox<long>> _sequences = new();

    public Task<long> NextSequenceAsync(int performanceId) =>
        Task.FromResult(Interlocked.Increment(ref _sequences.GetOrAdd(performanceId, _ => new StrongBox<long>()).Value));

    public Task<long> CurrentSequenceAsync(int performanceId) =>
        Task.FromResult(_sequences.TryGetValue(performanceId, out var box) ? Interlocked.Read(ref box.Value) : 0);

    public Task PublishAsync(SeatsChanged change) => feed.DeliverAsync(change);
}

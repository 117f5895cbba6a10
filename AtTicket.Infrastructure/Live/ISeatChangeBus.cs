using AtTicket.Domain.Live;

namespace AtTicket.Infrastructure.Live;

/// <summary>Carries seat changes to every node's <see cref="SeatFeed"/> and numbers them per performance.</summary>
public interface ISeatChangeBus
{
    /// <summary>The next number of this performance's changes (1, 2, 3, … across all nodes).</summary>
    Task<long> NextSequenceAsync(int performanceId);

    /// <summary>The last number handed out; a snapshot taken after reading it includes every change up to it.</summary>
    Task<long> CurrentSequenceAsync(int performanceId);

    Task PublishAsync(SeatsChanged change);
}

namespace AtTicket.Infrastructure.Live;

/// <summary>
/// Carries seat facts to every node's <see cref="LiveSeatStates"/>. Numbering and publishing are one
/// atomic step, so every node receives a performance's changes in the order of their numbers.
/// </summary>
public interface ISeatChangeBus
{
    /// <summary>Numbers the change and publishes it; returns the number it got.</summary>
    Task<long> PublishAsync(int performanceId, IReadOnlyList<SeatFact> seats, bool reload, DateTimeOffset publishedAt);

    /// <summary>The last number handed out; a read of the seats after it includes every change up to it.</summary>
    Task<LiveSequence> CurrentSequenceAsync(int performanceId);
}

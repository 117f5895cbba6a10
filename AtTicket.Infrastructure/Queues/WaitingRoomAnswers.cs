using AtTicket.Domain.Queues;

namespace AtTicket.Infrastructure.Queues;

internal static class WaitingRoomAnswers
{
    /// <summary>
    /// A member who had a place in a line whose store has since begun again (another epoch) is told so, instead of
    /// quietly finding themselves outside the line.
    /// </summary>
    public static QueuePlace WithReset(QueuePlace place, string? knownEpoch) =>
        place.Standing == QueueStanding.NotInLine && knownEpoch is not null && knownEpoch != place.Epoch
            ? place with { Standing = QueueStanding.LineReset }
            : place;
}

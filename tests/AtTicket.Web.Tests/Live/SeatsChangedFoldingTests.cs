using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using AtTicket.Web.Live;

namespace AtTicket.Web.Tests.Live;

/// <summary>How the hub bridge folds the changes that queued during a send into fewer messages.</summary>
public sealed class SeatsChangedFoldingTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Consecutive_changes_of_a_performance_become_one_message_with_each_seats_latest_status_the_last_counts_and_the_first_publish_time()
    {
        var folded = SeatsChangedMessage.Fold(
        [
            Change(1, 7, [(10, SeatStatus.Held), (11, SeatStatus.Held)], remaining: 8),
            Change(1, 8, [(10, SeatStatus.Available)], remaining: 9),
            Change(1, 9, [(12, SeatStatus.Sold)], remaining: 8),
        ]);

        Assert.Equal((1, 7L, 9L), (folded.PerformanceId, folded.FromSequence, folded.Sequence));
        Assert.Equal([(10, SeatStatus.Available), (11, SeatStatus.Held), (12, SeatStatus.Sold)], folded.Seats.Select(s => (s.Id, s.Status)));
        Assert.Equal(8, Assert.Single(folded.Grades).Remaining);
        Assert.Equal(Noon.AddSeconds(7), folded.PublishedAt); // the oldest: how long the longest-waiting change waited
    }

    [Fact]
    public void Runs_are_split_by_performance_and_wherever_a_number_is_missing()
    {
        var runs = SeatsHubBridge.ConsecutiveRuns(
        [
            Change(1, 7, [(10, SeatStatus.Held)], 9),
            Change(2, 3, [(20, SeatStatus.Held)], 9),
            Change(1, 8, [(11, SeatStatus.Held)], 8),
            Change(1, 10, [(12, SeatStatus.Held)], 7),
            Change(2, 4, [(21, SeatStatus.Held)], 8),
        ]).ToList();

        Assert.Equal(
            ["1: 7,8", "1: 10", "2: 3,4"],
            runs.Select(r => $"{r[0].PerformanceId}: {string.Join(",", r.Select(c => c.Sequence))}"));
    }

    private static SeatsChanged Change(int performanceId, long sequence, (int Seat, SeatStatus Status)[] seats, int remaining) =>
        new(performanceId, sequence, [.. seats.Select(s => new SeatStatusChange(s.Seat, s.Status))], [new GradeRemaining(1, remaining)], Noon.AddSeconds(sequence));
}

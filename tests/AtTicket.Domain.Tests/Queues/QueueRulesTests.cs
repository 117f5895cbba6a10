using AtTicket.Domain.Common;
using AtTicket.Domain.Queues;

namespace AtTicket.Domain.Tests.Queues;

public sealed class QueueRulesTests
{
    private static readonly DateTimeOffset Opening = new(2026, 12, 24, 11, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, null, "Give an admission rate")]
    [InlineData(0, null, "admission rate must be between")]
    [InlineData(60_001, null, "admission rate must be between")]
    [InlineData(null, 0, "cap on members shopping at once must be between")]
    public void A_line_needs_a_sane_rate_or_cap(int? rate, int? cap, string message)
    {
        var refused = Assert.Throws<DomainException>(() => new QueueRules(Opening, rate, cap));

        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public void The_shopping_window_defaults_to_ten_minutes_and_stays_within_an_hour()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), new QueueRules(Opening, 100, null).ShoppingWindow);
        Assert.Throws<DomainException>(() => new QueueRules(Opening, 100, null, shoppingWindow: TimeSpan.FromHours(2)));
        Assert.Throws<DomainException>(() => new QueueRules(Opening, 100, null, shoppingWindow: TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void The_wait_is_estimated_from_the_rate_and_not_guessed_when_only_a_cap_admits()
    {
        var waiting = new QueuePlace(QueueStanding.Waiting, Ahead: 59, AdmittedUntil: null, Epoch: "e");

        Assert.Equal(TimeSpan.FromSeconds(30), waiting.EstimatedWait(new QueueRules(Opening, 120, null)));
        Assert.Null(waiting.EstimatedWait(new QueueRules(Opening, null, 50)));
        Assert.Null((waiting with { Standing = QueueStanding.Admitted }).EstimatedWait(new QueueRules(Opening, 120, null)));
    }

    [Fact]
    public void The_wait_follows_the_measured_rate_once_there_is_one_and_does_not_count_down_while_the_line_is_paused()
    {
        var measured = new QueuePlace(QueueStanding.Waiting, Ahead: 59, AdmittedUntil: null, Epoch: "e", new AdmissionPace(Admitted: 30, Observed: TimeSpan.FromMinutes(5)));

        Assert.Equal(TimeSpan.FromMinutes(2), measured.EstimatedWait(new QueueRules(Opening, 120, null))); // 30 in the last minute, not 120
        Assert.Equal(TimeSpan.FromMinutes(2), measured.EstimatedWait(new QueueRules(Opening, null, 50)));
        Assert.Null(measured.EstimatedWait(new QueueRules(Opening, 120, null, paused: true)));
    }

    [Theory]
    [InlineData(0, 300, null)] // nobody admitted in the last minute: no measurement
    [InlineData(5, 9, null)] // counted for less than 10 s: too short to tell
    [InlineData(20, 30, 40.0)] // counted for half a minute
    [InlineData(90, 600, 90.0)] // counted for long: the last minute
    public void The_measured_rate_needs_some_admissions_over_at_least_ten_seconds(int admitted, int observedSeconds, double? perMinute)
    {
        Assert.Equal(perMinute, new AdmissionPace(admitted, TimeSpan.FromSeconds(observedSeconds)).PerMinute);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(1801)]
    public void The_grace_period_stays_between_ten_seconds_and_thirty_minutes(int seconds)
    {
        var refused = Assert.Throws<DomainException>(() => new QueueRules(Opening, 100, null, grace: TimeSpan.FromSeconds(seconds)));

        Assert.Equal(QueueRules.GraceOutOfRange, refused.Message);
        Assert.Equal(TimeSpan.FromSeconds(10), new QueueRules(Opening, 100, null, grace: TimeSpan.FromSeconds(10)).Grace);
        Assert.Equal(TimeSpan.FromMinutes(30), new QueueRules(Opening, 100, null, grace: TimeSpan.FromMinutes(30)).Grace);
    }

    [Fact]
    public void The_time_to_clear_the_line_is_everyone_waiting_at_the_rate_and_unknown_under_a_cap_alone()
    {
        var counts = new QueueCounts(Waiting: 300, Shopping: 40);

        Assert.Equal(TimeSpan.FromMinutes(2.5), counts.TimeToClear(new QueueRules(Opening, 120, 50)));
        Assert.Null(counts.TimeToClear(new QueueRules(Opening, null, 50)));
        Assert.Equal(TimeSpan.FromMinutes(10), (counts with { Pace = new AdmissionPace(30, TimeSpan.FromMinutes(2)) }).TimeToClear(new QueueRules(Opening, null, 50)));
    }

    [Fact]
    public void A_stalled_line_catches_up_at_most_ten_seconds_of_its_rate_and_a_cap_bounds_the_budget()
    {
        var rules = new QueueRules(Opening, 600, 25);
        var late = Opening + TimeSpan.FromMinutes(3);

        Assert.Equal(100, AdmissionBudget.At(new QueueRules(Opening, 600, null), clock: null, late, shoppingNow: 0).Budget);
        Assert.Equal(25, AdmissionBudget.At(rules, clock: null, late, shoppingNow: 0).Budget);
        Assert.Equal(5, AdmissionBudget.At(rules, clock: null, late, shoppingNow: 20).Budget);
        Assert.Equal(0, AdmissionBudget.At(rules, clock: null, Opening - TimeSpan.FromSeconds(1), shoppingNow: 0).Budget);
    }
}

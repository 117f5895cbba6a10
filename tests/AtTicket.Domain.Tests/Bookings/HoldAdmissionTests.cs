using AtTicket.Domain.Bookings;
using AtTicket.Domain.Queues;

namespace AtTicket.Domain.Tests.Bookings;

/// <summary>Behind a waiting line, a member the line has not admitted takes no seat, whichever way they ask.</summary>
public sealed class HoldAdmissionTests
{
    private const int Performance = 7;

    private readonly BookingLimits _limits = new();
    private readonly FakeSeatInventory _inventory;

    public HoldAdmissionTests() => _inventory = new FakeSeatInventory(_limits);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_member_the_line_did_not_admit_is_refused_before_the_inventory_is_asked()
    {
        var holds = new HoldService(_inventory, _limits, TestClock.New(), new Gate(admitted: "member-jisoo"));

        var chosen = await holds.HoldSeatsAsync("member-minji", Performance, [1, 2], Ct);
        var best = await holds.HoldBestAvailableAsync("member-minji", Performance, gradeId: 1, quantity: 2, cancellationToken: Ct);
        var admitted = await holds.HoldSeatsAsync("member-jisoo", Performance, [3], Ct);

        Assert.Equal((HoldOutcome.NotAdmitted, HoldOutcome.NotAdmitted), (chosen.Outcome, best.Outcome));
        Assert.Equal(HoldResult.NotAdmittedReason, chosen.Reason);
        Assert.Empty(_inventory.BestAvailableAsked);
        Assert.Equal(HoldOutcome.Held, admitted.Outcome);
        Assert.Equal("member-jisoo", Assert.Single(_inventory.Holds).MemberId);
    }

    private sealed class Gate(string admitted) : IAdmissionGate
    {
        public Task<bool> MayShopAsync(int performanceId, string memberId, CancellationToken cancellationToken = default) =>
            Task.FromResult(memberId == admitted);

        public Task EndTurnAsync(int performanceId, string memberId) => Task.CompletedTask;
    }
}

using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Live;
using AtTicket.Infrastructure.Payments;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Tests.Bookings;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Live;

/// <summary>
/// Every seat transition, made through the services as the app makes it, reaches the node's feed once,
/// after it committed: hold, release, sale, cancellation and the sweeper's expiry. Refused changes are
/// not announced.
/// </summary>
public sealed class AnnouncedTransitionsTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static readonly CardDetails ApprovedCard = new(SimulatedPaymentGateway.ApprovedCard, "12/40", "123", "Minji Kim");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_hold_and_its_release_are_announced_held_then_available(DatabaseProvider provider)
    {
        var (node, performance, listener) = await ListeningAsync(provider);
        var member = await MemberAsync(node);
        var seats = new[] { performance.Hall.Seat('A', 1), performance.Hall.Seat('A', 2) };
        var holds = node.GetRequiredService<HoldService>();

        var held = await holds.HoldSeatsAsync(member, performance.Id, seats, Ct);
        await Within.UntilAsync(() => listener.Changes.Count == 1, () => $"the hold was announced {listener.Changes.Count} times");
        await holds.ReleaseAsync(held.Hold!.Id, member, Ct);
        await Within.UntilAsync(() => listener.Changes.Count == 2, () => $"the release was announced {listener.Changes.Count - 1} times");

        Assert.All(listener.Changes[0].Seats, s => Assert.Equal(SeatStatus.Held, s.Status));
        Assert.Equal(6, Assert.Single(listener.Changes[0].Grades).Remaining);
        Assert.All(listener.Changes[1].Seats, s => Assert.Equal(SeatStatus.Available, s.Status));
        Assert.Equal(8, Assert.Single(listener.Changes[1].Grades).Remaining);
        Assert.Equal(listener.Changes[0].Sequence + 1, listener.Changes[1].Sequence);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_sale_is_announced_sold_and_its_cancellation_available(DatabaseProvider provider)
    {
        var (node, performance, listener) = await ListeningAsync(provider);
        var member = await MemberAsync(node);
        var seat = performance.Hall.Seat('B', 3);
        var held = await node.GetRequiredService<HoldService>().HoldSeatsAsync(member, performance.Id, [seat], Ct);

        var sale = await node.GetRequiredService<BookingService>().ConfirmAsync(member, held.Hold!.Id, $"key-{Guid.NewGuid()}", ApprovedCard, Ct);
        Assert.Equal(ConfirmOutcome.Confirmed, sale.Outcome);
        var cancel = await node.GetRequiredService<BookingCancellation>().CancelAsync(sale.Booking!.Id, member, asAdmin: false, Ct);
        Assert.Equal(CancelOutcome.Cancelled, cancel.Outcome);
        await Within.UntilAsync(() => listener.Changes.Count == 3, () => $"{listener.Changes.Count} announcements instead of hold, sale, cancellation");

        Assert.Equal(
            [SeatStatus.Held, SeatStatus.Sold, SeatStatus.Available],
            listener.Changes.OrderBy(c => c.Sequence).Select(c => Assert.Single(c.Seats).Status));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task The_sweepers_expiry_is_announced_available(DatabaseProvider provider)
    {
        var (node, performance, listener) = await ListeningAsync(provider);
        var seat = performance.Hall.Seat('A', 4);
        var hold = new SeatHold(Guid.NewGuid(), await MemberAsync(node), performance.Id, [seat], DateTimeOffset.UtcNow.AddMinutes(-6), DateTimeOffset.UtcNow.AddSeconds(-1));
        var inventory = node.GetRequiredService<ISeatInventory>();
        Assert.Equal(HoldOutcome.Held, (await inventory.HoldAsync(hold, DateTimeOffset.UtcNow.AddMinutes(-6), Ct)).Outcome);

        await inventory.ReleaseExpiredAsync(DateTimeOffset.UtcNow, Ct);

        await Within.UntilAsync(() => listener.Changes.Count == 2, () => $"{listener.Changes.Count} announcements instead of hold and expiry");
        var expiry = listener.Changes.MaxBy(c => c.Sequence)!;
        Assert.Equal(new(seat, SeatStatus.Available), Assert.Single(expiry.Seats));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_refused_hold_is_not_announced(DatabaseProvider provider)
    {
        var (node, performance, listener) = await ListeningAsync(provider);
        var (first, second) = await TwoMembersAsync(node);
        var seat = performance.Hall.Seat('A', 3);
        var holds = node.GetRequiredService<HoldService>();
        await holds.HoldSeatsAsync(first, performance.Id, [seat], Ct);
        await Within.UntilAsync(() => listener.Changes.Count == 1, () => "the first hold was not announced");

        var refused = await holds.HoldSeatsAsync(second, performance.Id, [seat], Ct);
        await Assert.ThrowsAsync<AtTicket.Domain.Common.DomainException>(() => holds.HoldSeatsAsync(first, performance.Id, [performance.Hall.Seat('B', 1)], Ct)); // one hold per member

        // Without Redis the bus delivers before the hold call returns, so nothing can still be on its way.
        Assert.IsType<InProcessSeatChangeBus>(node.GetRequiredService<ISeatChangeBus>());
        Assert.Equal(HoldOutcome.SeatsTaken, refused.Outcome);
        Assert.Single(listener.Changes);
    }

    private async Task<(IServiceProvider Node, OnSalePerformance Performance, RecordingListener Listener)> ListeningAsync(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var listener = new RecordingListener();
        var subscription = node.GetRequiredService<SeatFeed>().Subscribe(performance.Id, listener);
        TestContext.Current.CancellationToken.Register(subscription.Dispose);
        return (node, performance, listener);
    }
}

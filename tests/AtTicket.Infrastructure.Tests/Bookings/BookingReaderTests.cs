using AtTicket.Domain.Bookings;
using AtTicket.Infrastructure.Bookings;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Bookings;

/// <summary>What members and admins are shown of bookings, on the real databases.</summary>
public sealed class BookingReaderTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Where a booking stands, as the reader must tell them apart.</summary>
    public enum Stage
    {
        Confirmed,
        CancelledAfterConfirming,
        Declined,
        Pending,
        Refunded,
        RefundOwed,
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_members_list_is_newest_first_and_shows_only_bookings_that_were_confirmed_or_refunded(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node, rows: 2, seatsPerRow: 6);
        var member = await MemberWithEmailAsync(node, $"minji-{Unique.Suffix()}@atticket.test");
        var other = await MemberWithEmailAsync(node, $"jisoo-{Unique.Suffix()}@atticket.test");
        var start = ClockAtNow().GetUtcNow();
        var seat = performance.Hall.SeatIds;
        var confirmed = await SaveAsync(node, member, performance.Id, start, Stage.Confirmed, seat[0]);
        await SaveAsync(node, member, performance.Id, start.AddMinutes(1), Stage.Declined, seat[1]);
        await SaveAsync(node, member, performance.Id, start.AddMinutes(2), Stage.Pending, seat[1]);
        var cancelled = await SaveAsync(node, member, performance.Id, start.AddMinutes(3), Stage.CancelledAfterConfirming, seat[2]);
        var refunded = await SaveAsync(node, member, performance.Id, start.AddMinutes(4), Stage.Refunded, seat[3]);
        await SaveAsync(node, other, performance.Id, start.AddMinutes(5), Stage.Confirmed, seat[4]);

        var list = await Reader(node).ListForMemberAsync(member, Ct);

        Assert.Equal([refunded.Id, cancelled.Id, confirmed.Id], list.Select(v => v.Id));
        Assert.Equal([BookingStatus.Refunded, BookingStatus.Cancelled, BookingStatus.Confirmed], list.Select(v => v.Status));
        Assert.Equal([start.AddMinutes(4), start.AddMinutes(3), start], list.Select(v => v.CreatedAt));
        Assert.Empty(await Reader(node).ListForMemberAsync(await MemberAsync(node), Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_booking_view_names_the_performance_the_member_and_each_ticket_by_its_seat_with_its_code(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var startsAt = DaysFromNow(12); // once: read again later, "now" may have passed a minute
        var performance = await OnSaleAsync(node, startsAt: startsAt);
        var email = $"Minji-{Unique.Suffix()}@AtTicket.test";
        var member = await MemberWithEmailAsync(node, email);
        var shop = new Shop(node, ClockAtNow());
        var (a2, b1) = (performance.Hall.Seat('A', 2), performance.Hall.Seat('B', 1));
        var booking = await shop.ConfirmedAsync(member, performance.Id, b1, a2);
        var expected = await ReadAsync(node, db => db.Performances.Where(p => p.Id == performance.Id)
            .Select(p => new { p.ProductId, p.Product!.Title, Venue = p.Hall!.Venue!.Name, Hall = p.Hall.Name, p.StartsAt })
            .SingleAsync(Ct));

        var view = (await Reader(node).FindAsync(booking.Id, member, asAdmin: false, Ct))!;

        Assert.Equal((booking.Id, booking.Number, BookingStatus.Confirmed, performance.Id), (view.Id, view.Number, view.Status, view.PerformanceId));
        Assert.Equal((expected.ProductId, expected.Title, expected.Venue, expected.Hall, expected.StartsAt), (view.ProductId, view.ProductTitle, view.VenueName, view.HallName, view.StartsAt));
        Assert.Equal(startsAt, view.StartsAt);
        Assert.Equal((email, 200_000L), (view.MemberEmail, view.Total));
        Assert.Equal((shop.Clock.GetUtcNow(), (DateTimeOffset?)shop.Clock.GetUtcNow(), (DateTimeOffset?)null, (DateTimeOffset?)null), (view.CreatedAt, view.ConfirmedAt, view.CancelledAt, view.RefundedAt));
        var codes = booking.Tickets.ToDictionary(t => t.SeatId, t => t.Code);
        Assert.Equal(
            [(a2, "Floor", "A", 2, "R", 100_000L, codes[a2]), (b1, "Floor", "B", 1, "R", 100_000L, codes[b1])],
            view.Tickets.Select(t => (t.SeatId, t.Section, t.Row, t.Number, t.GradeName, t.Price, t.Code)));
        Assert.True(view.CanCancelAt(shop.Clock.GetUtcNow()));
        Assert.False(view.CanCancelAt(view.StartsAt));

        // Cancelled, it still shows, with when it was cancelled and refunded, and cannot be cancelled again.
        shop.Clock.Advance(TimeSpan.FromMinutes(3));
        await shop.Cancellation.CancelAsync(booking.Id, member, asAdmin: false, Ct);
        var cancelled = (await Reader(node).FindAsync(booking.Id, member, asAdmin: false, Ct))!;
        Assert.Equal((BookingStatus.Cancelled, (DateTimeOffset?)shop.Clock.GetUtcNow(), (DateTimeOffset?)shop.Clock.GetUtcNow()), (cancelled.Status, cancelled.CancelledAt, cancelled.RefundedAt));
        Assert.Equal(2, cancelled.Tickets.Count);
        Assert.False(cancelled.CanCancelAt(shop.Clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_booking_is_found_for_its_member_and_admins_and_not_for_anyone_else(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node);
        var (member, stranger) = await TwoMembersAsync(node);
        var start = ClockAtNow().GetUtcNow();
        var confirmed = await SaveAsync(node, member, performance.Id, start, Stage.Confirmed, performance.Hall.Seat('A', 1));
        var declined = await SaveAsync(node, member, performance.Id, start, Stage.Declined, performance.Hall.Seat('A', 2));
        var pending = await SaveAsync(node, member, performance.Id, start, Stage.Pending, performance.Hall.Seat('A', 2));
        var reader = Reader(node);

        Assert.Equal(confirmed.Id, (await reader.FindAsync(confirmed.Id, member, asAdmin: false, Ct))?.Id);
        Assert.Null(await reader.FindAsync(confirmed.Id, stranger, asAdmin: false, Ct));
        Assert.Equal(confirmed.Id, (await reader.FindAsync(confirmed.Id, stranger, asAdmin: true, Ct))?.Id);
        Assert.Null(await reader.FindAsync(Guid.NewGuid(), member, asAdmin: true, Ct));

        // A declined or unfinished checkout is not the member's to see; an admin sees it as it is.
        Assert.Null(await reader.FindAsync(declined.Id, member, asAdmin: false, Ct));
        Assert.Null(await reader.FindAsync(pending.Id, member, asAdmin: false, Ct));
        Assert.Equal(BookingStatus.Cancelled, (await reader.FindAsync(declined.Id, stranger, asAdmin: true, Ct))?.Status);
        Assert.Equal(BookingStatus.PendingPayment, (await reader.FindAsync(pending.Id, stranger, asAdmin: true, Ct))?.Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task The_admin_list_of_a_performance_is_newest_first_searchable_by_number_or_email_and_paged(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var performance = await OnSaleAsync(node, rows: 2, seatsPerRow: 8);
        var elsewhere = await OnSaleAsync(node);
        var tag = Unique.Suffix();
        var minji = await MemberWithEmailAsync(node, $"Minji.{tag}@Example.test");
        var jisoo = await MemberWithEmailAsync(node, $"jisoo.{tag}@example.test");
        var start = ClockAtNow().GetUtcNow();
        var seat = performance.Hall.SeatIds;
        var first = await SaveAsync(node, minji, performance.Id, start, Stage.Confirmed, seat[0], seat[1]);
        var second = await SaveAsync(node, jisoo, performance.Id, start.AddMinutes(1), Stage.Confirmed, seat[2]);
        var third = await SaveAsync(node, minji, performance.Id, start.AddMinutes(2), Stage.CancelledAfterConfirming, seat[3]);
        var fourth = await SaveAsync(node, jisoo, performance.Id, start.AddMinutes(3), Stage.RefundOwed, seat[4]);
        var fifth = await SaveAsync(node, minji, performance.Id, start.AddMinutes(4), Stage.Refunded, seat[5], seat[6]);
        await SaveAsync(node, minji, performance.Id, start.AddMinutes(5), Stage.Declined, seat[7]);
        await SaveAsync(node, jisoo, performance.Id, start.AddMinutes(6), Stage.Pending, seat[7]);
        await SaveAsync(node, minji, elsewhere.Id, start.AddMinutes(7), Stage.Confirmed, elsewhere.Hall.SeatIds[0]);
        var reader = Reader(node);

        var all = await reader.ListForPerformanceAsync(performance.Id, null, 1, 20, Ct);

        Assert.Equal([fifth.Id, fourth.Id, third.Id, second.Id, first.Id], all.Items.Select(r => r.Id));
        Assert.Equal(5, all.TotalCount);
        var rows = all.Items.ToDictionary(r => r.Id);
        Assert.Equal((first.Number, BookingStatus.Confirmed, $"Minji.{tag}@Example.test", 2, 200_000L, start), (rows[first.Id].Number, rows[first.Id].Status, rows[first.Id].MemberEmail, rows[first.Id].SeatCount, rows[first.Id].Total, rows[first.Id].CreatedAt));
        Assert.Equal((true, (DateTimeOffset?)null), (rows[fourth.Id].OwesRefund, rows[fourth.Id].RefundedAt));
        Assert.Equal((false, (DateTimeOffset?)start.AddMinutes(5)), (rows[fifth.Id].OwesRefund, rows[fifth.Id].RefundedAt));
        Assert.Equal((false, (DateTimeOffset?)start.AddMinutes(3)), (rows[third.Id].OwesRefund, rows[third.Id].RefundedAt));
        Assert.False(rows[first.Id].OwesRefund);

        // By booking number, in any case, and by any part of the member's email, in any case.
        Assert.Equal([second.Id], (await reader.ListForPerformanceAsync(performance.Id, second.Number.ToLowerInvariant(), 1, 20, Ct)).Items.Select(r => r.Id));
        Assert.Equal([third.Id], (await reader.ListForPerformanceAsync(performance.Id, $"  {third.Number[3..].ToUpperInvariant()} ", 1, 20, Ct)).Items.Select(r => r.Id));
        Assert.Equal([fifth.Id, third.Id, first.Id], (await reader.ListForPerformanceAsync(performance.Id, $"MINJI.{tag.ToUpperInvariant()}", 1, 20, Ct)).Items.Select(r => r.Id));
        Assert.Equal([fourth.Id, second.Id], (await reader.ListForPerformanceAsync(performance.Id, $"jisoo.{tag}@EXAMPLE", 1, 20, Ct)).Items.Select(r => r.Id));
        Assert.Equal(5, (await reader.ListForPerformanceAsync(performance.Id, $"{tag}@example.TEST", 1, 20, Ct)).TotalCount);
        var none = await reader.ListForPerformanceAsync(performance.Id, "nobody@nowhere", 1, 20, Ct);
        Assert.Equal((0, 0), (none.Items.Count, none.TotalCount));

        // Pages of two: every booking once, newest first; out-of-range numbers are brought into range.
        var pages = new List<Guid>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await reader.ListForPerformanceAsync(performance.Id, "", page, 2, Ct);
            Assert.Equal((page, 2, 5), (result.PageNumber, result.PageSize, result.TotalCount));
            pages.AddRange(result.Items.Select(r => r.Id));
        }

        Assert.Equal(all.Items.Select(r => r.Id), pages);
        Assert.Empty((await reader.ListForPerformanceAsync(performance.Id, null, 4, 2, Ct)).Items);
        var clamped = await reader.ListForPerformanceAsync(performance.Id, null, 0, 10_000, Ct);
        Assert.Equal((1, BookingReader.MaxPageSize, 5), (clamped.PageNumber, clamped.PageSize, clamped.Items.Count));
    }

    private static BookingReader Reader(IServiceProvider node) => node.GetRequiredService<BookingReader>();

    private static async Task<string> MemberWithEmailAsync(IServiceProvider node, string email)
    {
        var member = MemberBuilder.Build(email);
        await ReadAsync(node, db =>
        {
            db.Users.Add(member);
            return db.SaveChangesAsync(Ct);
        });
        return member.Id;
    }

    /// <summary>
    /// A booking of the member's as it stands after the given stage, created at <paramref name="createdAt"/>
    /// and moved on a minute per step; a confirmed one has its seats sold to it.
    /// </summary>
    private static async Task<Booking> SaveAsync(IServiceProvider node, string memberId, int performanceId, DateTimeOffset createdAt, Stage stage, params int[] seatIds)
    {
        var booking = new Booking(
            Guid.NewGuid(), $"AT-{Unique.Suffix()}", memberId, performanceId, Guid.NewGuid(), $"checkout-{Guid.NewGuid():N}",
            [.. seatIds.Select(id => new BookedSeat(id, "R", 100_000))], createdAt);
        var step = createdAt.AddMinutes(1);
        switch (stage)
        {
            case Stage.Confirmed:
            case Stage.CancelledAfterConfirming:
                booking.Confirm($"PAY-{Unique.Suffix()}", createdAt);
                if (stage == Stage.CancelledAfterConfirming)
                {
                    booking.Cancel(step, step.AddDays(1));
                    booking.MarkRefundIssued(step);
                }

                break;
            case Stage.Declined:
                booking.Cancel(createdAt, createdAt.AddDays(1));
                break;
            case Stage.Refunded:
            case Stage.RefundOwed:
                booking.MarkRefunded($"PAY-{Unique.Suffix()}", createdAt);
                if (stage == Stage.Refunded)
                {
                    booking.MarkRefundIssued(step);
                }

                break;
        }

        await ReadAsync(node, db =>
        {
            db.Bookings.Add(booking);
            return db.SaveChangesAsync(Ct);
        });
        if (stage == Stage.Confirmed)
        {
            await SellAsync(node, performanceId, seatIds, booking.Id);
        }

        return booking;
    }
}

using AtTicket.Domain.Bookings;
using AtTicket.Domain.Catalog;
using AtTicket.Domain.Members;
using AtTicket.Domain.Messaging;
using AtTicket.Domain.Performances;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AtTicket.Infrastructure.Tests.Persistence;

/// <summary>
/// What is saved reads back equal in a fresh context. Instants are compared as instants
/// (DateTimeOffset equality), whatever offset the provider gives back.
/// </summary>
public sealed class SchemaRoundTripTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_venue_reads_back_with_its_halls_and_seats(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var venue = new Venue($"예술의전당 Seoul Arts Center {Unique.Suffix()}", "2406 Nambusunhwan-ro, Seocho-gu, Seoul");
        var concertHall = venue.AddHall("Concert Hall");
        concertHall.AddSeat("Floor B", "A", 1, 12.25, 3);
        concertHall.AddSeat("Floor B", "A", 2, 13.25, 3, SeatKind.Companion);
        concertHall.AddSeat("Balcony", "AA", 17, 0.5, 26.75, SeatKind.Wheelchair);
        var recitalHall = venue.AddHall("IBK Chamber Hall");
        recitalHall.AddSeat("Floor", "A", 1, 0, 0);
        await using (var db = database.NewContext())
        {
            db.Venues.Add(venue);
            await db.SaveChangesAsync(Ct);
        }

        await using var fresh = database.NewContext();
        var read = await fresh.Venues.AsNoTracking()
            .Include(v => v.Halls).ThenInclude(h => h.Seats)
            .SingleAsync(v => v.Id == venue.Id, Ct);

        Assert.Equal((venue.Name, venue.Address), (read.Name, read.Address));
        Assert.Equal(Describe(venue), Describe(read));
        Assert.All(read.Halls, h => Assert.Equal(venue.Id, h.VenueId));
        Assert.All(read.Halls.SelectMany(h => h.Seats.Select(s => (h, s))), x => Assert.Equal(x.h.Id, x.s.HallId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_product_reads_back_as_saved(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var product = new Product(new ProductTerms(
            $"레미제라블 Les Misérables 🎭 {Unique.Suffix()}",
            ProductCategory.Musical,
            "Victor Hugo's story, sung. 3시간 공연, 인터미션 20분.",
            170,
            "8+",
            TestClock.Start.AddDays(-7).AddTicks(1_234_560),
            TestClock.Start.AddDays(45)));
        product.SetPoster("/posters/les-mis.svg");
        product.PutOnSale();
        await using (var db = database.NewContext())
        {
            db.Products.Add(product);
            await db.SaveChangesAsync(Ct);
        }

        await using var fresh = database.NewContext();
        var read = await fresh.Products.AsNoTracking().SingleAsync(p => p.Id == product.Id, Ct);

        Assert.Equal(Describe(product), Describe(read));
        Assert.Equal(ProductStatus.OnSale, read.Status);
        Assert.Equal(ProductCategory.Musical, read.Category);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_performance_reads_back_with_its_grades(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var product = new ProductBuilder().Build();
        product.PutOnSale();
        var performance = new Performance(product, new HallBuilder().Build(), TestClock.Start.AddTicks(9_876_540));
        performance.AddGrade("VIP", 165_000, "#B8860B");
        performance.AddGrade("R", 132_000, "#c0392b");
        performance.AddGrade("S", SeatGrade.MaxPrice, "#2e86c1");
        performance.PutOnSale(unmappedSeats: 0);
        await using (var db = database.NewContext())
        {
            db.Performances.Add(performance);
            await db.SaveChangesAsync(Ct);
        }

        await using var fresh = database.NewContext();
        var read = await fresh.Performances.AsNoTracking().Include(p => p.Grades).SingleAsync(p => p.Id == performance.Id, Ct);

        Assert.Equal(
            (performance.ProductId, performance.HallId, performance.StartsAt, PerformanceStatus.OnSale),
            (read.ProductId, read.HallId, read.StartsAt, read.Status));
        Assert.Equal(
            performance.Grades.Select(g => (g.Id, g.Name, g.Price, g.Color)).OrderBy(g => g.Id),
            read.Grades.Select(g => (g.Id, g.Name, g.Price, g.Color)).OrderBy(g => g.Id));
        Assert.All(read.Grades, g => Assert.Equal(performance.Id, g.PerformanceId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Performance_seats_keep_their_grade_hold_and_booking(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var now = TestClock.Start;
        var heldBy = Guid.NewGuid();
        var soldThrough = Guid.NewGuid();
        var bookingId = Guid.NewGuid();
        List<PerformanceSeat> saved;
        await using (var db = database.NewContext())
        {
            var hall = new HallBuilder().WithRows(1, 3).Build();
            var performance = new Performance(new ProductBuilder().Build(), hall, now.AddDays(3));
            var vip = performance.AddGrade("VIP", 150_000, "#b8860b");
            var r = performance.AddGrade("R", 120_000, "#c0392b");
            db.Performances.Add(performance);
            await db.SaveChangesAsync(Ct);

            var available = performance.CreateSeat(hall.Seats[0], vip);
            var held = performance.CreateSeat(hall.Seats[1], vip);
            held.Hold(heldBy, now.AddMinutes(5).AddTicks(1_000_010), now);
            var sold = performance.CreateSeat(hall.Seats[2], r);
            sold.Hold(soldThrough, now.AddMinutes(5), now);
            sold.Sell(soldThrough, bookingId, now.AddMinutes(1));
            saved = [available, held, sold];
            db.PerformanceSeats.AddRange(saved);
            await db.SaveChangesAsync(Ct);
        }

        await using var fresh = database.NewContext();
        var performanceId = saved[0].PerformanceId;
        var read = await fresh.PerformanceSeats.AsNoTracking()
            .Where(s => s.PerformanceId == performanceId)
            .OrderBy(s => s.SeatId)
            .ToListAsync(Ct);

        Assert.Equal(saved.Select(Describe), read.Select(Describe));
        Assert.Equal([SeatStatus.Available, SeatStatus.Held, SeatStatus.Sold], read.Select(s => s.Status));
        Assert.Equal(now.AddMinutes(5).AddTicks(1_000_010), read[1].HeldUntil);
        Assert.Equal((soldThrough, bookingId), (read[2].HoldId, read[2].BookingId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_seat_hold_keeps_its_seat_ids(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var performance = await SavedPerformance.CreateAsync(database, new HallBuilder().WithRows(2, 5));
        var member = await SaveMemberAsync(database);
        var seatIds = new[] { performance.SeatIds[7], performance.SeatIds[2], performance.SeatIds[9] };
        var hold = new SeatHold(Guid.NewGuid(), member.Id, performance.PerformanceId, seatIds, TestClock.Start, TestClock.Start.AddMinutes(5));
        hold.Release();
        await using (var db = database.NewContext())
        {
            db.SeatHolds.Add(hold);
            await db.SaveChangesAsync(Ct);
        }

        await using var fresh = database.NewContext();
        var read = await fresh.SeatHolds.AsNoTracking().SingleAsync(h => h.Id == hold.Id, Ct);

        Assert.Equal(seatIds.Order(), read.SeatIds);
        Assert.Equal(
            (hold.MemberId, hold.PerformanceId, hold.CreatedAt, hold.ExpiresAt, HoldStatus.Released),
            (read.MemberId, read.PerformanceId, read.CreatedAt, read.ExpiresAt, read.Status));

        // The hot path looks holds up by member and status.
        Assert.Equal(hold.Id, await fresh.SeatHolds.Where(h => h.MemberId == member.Id && h.Status == HoldStatus.Released).Select(h => h.Id).SingleAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_booking_reads_back_with_its_tickets(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var performance = await SavedPerformance.CreateAsync(database);
        var member = await SaveMemberAsync(database);
        var booking = new Booking(
            Guid.NewGuid(),
            $"AT-{Unique.Suffix()}",
            member.Id,
            performance.PerformanceId,
            Guid.NewGuid(),
            $"checkout-{Guid.NewGuid()}",
            [new BookedSeat(performance.SeatIds[0], "VIP", 150_000), new BookedSeat(performance.SeatIds[1], "R", 140_000)],
            TestClock.Start.AddTicks(3_000_000));
        booking.Confirm("pay_5f2a9c", TestClock.Start.AddMinutes(2));
        await using (var db = database.NewContext())
        {
            db.Bookings.Add(booking);
            await db.SaveChangesAsync(Ct);
        }

        await using var fresh = database.NewContext();
        var read = await fresh.Bookings.AsNoTracking().Include(b => b.Tickets).SingleAsync(b => b.Id == booking.Id, Ct);

        Assert.Equal(Describe(booking), Describe(read));
        Assert.Equal(BookingStatus.Confirmed, read.Status);
        Assert.Equal(290_000, read.TotalAmount);
        Assert.Equal(
            booking.Tickets.Select(t => (t.Id, t.BookingId, t.SeatId, t.GradeName, t.Price, t.Code)).OrderBy(t => t.Id),
            read.Tickets.Select(t => (t.Id, t.BookingId, t.SeatId, t.GradeName, t.Price, t.Code)).OrderBy(t => t.Id));
        Assert.All(read.Tickets, t => Assert.Equal(booking.Id, t.BookingId));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Member_preferences_keep_their_categories(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var member = await SaveMemberAsync(database);
        var preferences = new MemberPreferences(member.Id);
        preferences.Subscribe([ProductCategory.Movie, ProductCategory.Concert, ProductCategory.Movie]);
        preferences.PreferCulture("ko");
        await using (var db = database.NewContext())
        {
            db.MemberPreferences.Add(preferences);
            await db.SaveChangesAsync(Ct);
        }

        await using var fresh = database.NewContext();
        var read = await fresh.MemberPreferences.AsNoTracking().SingleAsync(p => p.MemberId == member.Id, Ct);

        Assert.Equal([ProductCategory.Concert, ProductCategory.Movie], read.Categories);
        Assert.True(read.NotifyOnNewProducts);
        Assert.Equal("ko", read.Culture);
        Assert.True(read.WantsToHearAbout(ProductCategory.Movie));
        Assert.False(read.WantsToHearAbout(ProductCategory.Musical));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Member_preferences_with_no_categories_read_back_empty(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var member = await SaveMemberAsync(database);
        var preferences = new MemberPreferences(member.Id);
        preferences.Subscribe([ProductCategory.Musical]);
        preferences.Unsubscribe();
        await using (var db = database.NewContext())
        {
            db.MemberPreferences.Add(preferences);
            await db.SaveChangesAsync(Ct);
        }

        await using var fresh = database.NewContext();
        var read = await fresh.MemberPreferences.AsNoTracking().SingleAsync(p => p.MemberId == member.Id, Ct);

        Assert.Empty(read.Categories);
        Assert.False(read.NotifyOnNewProducts);
        Assert.Null(read.Culture);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Outbox_messages_read_back_as_saved(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var failing = new OutboxMessage(Guid.NewGuid(), "BookingConfirmed", Guid.NewGuid().ToString(), """{"number":"AT-1","title":"레미제라블"}""", TestClock.Start);
        failing.RecordFailure("Local_MsgTimedOut");
        failing.RecordFailure("Local_MsgTimedOut again");
        var dispatched = new OutboxMessage(Guid.NewGuid(), "ProductOnSale", "42", "{}", TestClock.Start.AddTicks(10));
        dispatched.MarkDispatched(TestClock.Start.AddSeconds(1));
        await using (var db = database.NewContext())
        {
            db.OutboxMessages.AddRange(failing, dispatched);
            await db.SaveChangesAsync(Ct);
        }

        await using var fresh = database.NewContext();
        var ids = new[] { failing.Id, dispatched.Id };
        var read = await fresh.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(Ct);

        Assert.Equal(Describe(failing), Describe(read.Single(m => m.Id == failing.Id)));
        Assert.Equal(Describe(dispatched), Describe(read.Single(m => m.Id == dispatched.Id)));

        // The dispatcher's query: undispatched messages, oldest first.
        Assert.Contains(failing.Id, await fresh.OutboxMessages.Where(m => m.DispatchedAt == null).OrderBy(m => m.OccurredAt).Select(m => m.Id).ToListAsync(Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_member_reads_back_as_saved(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var member = MemberBuilder.Build();
        member.DisplayName = "김민지 Kim Minji";
        member.PhoneNumber = "+82-10-1234-5678";
        member.LockoutEnabled = true;
        member.LockoutEnd = TestClock.Start.AddMinutes(10).AddTicks(5_000_000);
        member.AccessFailedCount = 3;
        await using (var db = database.NewContext())
        {
            db.Users.Add(member);
            await db.SaveChangesAsync(Ct);
        }

        await using var fresh = database.NewContext();
        var read = await fresh.Users.AsNoTracking().SingleAsync(m => m.Id == member.Id, Ct);

        Assert.Equal(Describe(member), Describe(read));
    }

    private static async Task<Member> SaveMemberAsync(TestDatabase database)
    {
        var member = MemberBuilder.Build();
        await using var db = database.NewContext();
        db.Users.Add(member);
        await db.SaveChangesAsync(Ct);
        return member;
    }

    private static object Describe(Venue v) => string.Join(
        "\n",
        v.Halls.OrderBy(h => h.Name).Select(h => $"{h.Name}: " + string.Join(
            "; ",
            h.Seats.OrderBy(s => s.Section).ThenBy(s => s.Row).ThenBy(s => s.Number)
                .Select(s => FormattableString.Invariant($"{s.Id} {s.Label} ({s.X}, {s.Y}) {s.Kind}")))));

    private static object Describe(Product p) =>
        new { p.Id, p.Title, p.Category, p.Description, p.PosterUrl, p.RunningMinutes, p.AgeRating, p.SalesStart, p.SalesEnd, p.Status };

    private static object Describe(PerformanceSeat s) =>
        new { s.PerformanceId, s.SeatId, s.GradeId, s.Status, s.HoldId, s.HeldUntil, s.BookingId };

    private static object Describe(Booking b) =>
        new { b.Id, b.Number, b.MemberId, b.PerformanceId, b.HoldId, b.Status, b.TotalAmount, b.PaymentReference, b.IdempotencyKey, b.CreatedAt, b.ConfirmedAt, b.CancelledAt };

    private static object Describe(OutboxMessage m) =>
        new { m.Id, m.Type, m.AggregateId, m.Payload, m.OccurredAt, m.DispatchedAt, m.Attempts, m.LastError };

    private static object Describe(Member m) => new
    {
        m.Id,
        m.UserName,
        m.NormalizedUserName,
        m.Email,
        m.NormalizedEmail,
        m.EmailConfirmed,
        m.DisplayName,
        m.PhoneNumber,
        m.SecurityStamp,
        m.LockoutEnabled,
        m.LockoutEnd,
        m.AccessFailedCount,
    };
}

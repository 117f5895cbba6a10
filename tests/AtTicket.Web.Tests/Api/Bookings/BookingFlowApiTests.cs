using System.Net;
using System.Text.Json;
using AtTicket.Infrastructure.Bookings;
using AtTicket.Web.Tests.Api.Holds;

namespace AtTicket.Web.Tests.Api.Bookings;

/// <summary>
/// A member's whole way through with a bearer token: register, hold, book, read the booking and its
/// list, fetch the ticket QR codes, cancel with a refund, and see the seats for sale again. Each test
/// has its own <see cref="SmallShow"/> (grade R = row A at 80,000 won, grade S = row B at 50,000 won).
/// </summary>
public sealed class BookingFlowApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Booking_a_hold_answers_201_with_the_booking_its_tickets_and_its_location()
    {
        var show = await SmallShowAsync();
        using var anonymous = app.Anonymous();
        var performance = await anonymous.GetJsonAsync($"/api/performances/{show.PerformanceId}");
        using var member = await app.NewMemberAsync();
        var hold = await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowB[1], show.RowA[0]);
        var before = DateTimeOffset.UtcNow;

        using var response = await member.Client.BookAsync(HoldApi.HoldId(hold), BookingApi.NewKey());

        var booking = await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        var after = DateTimeOffset.UtcNow;
        ApiAssert.HasFields(booking, BookingApi.BookingFields);
        var id = BookingApi.BookingId(booking);
        Assert.NotEqual(Guid.Empty, id);
        Assert.Equal($"/api/bookings/{id}", ApiAssert.Location(response));
        Assert.Matches("^AT[0-9]{6}[A-Z2-9]{6}$", booking.GetProperty("number").GetString());
        Assert.Equal("confirmed", booking.GetProperty("status").GetString());
        Assert.Equal(show.PerformanceId, booking.GetProperty("performanceId").GetInt32());
        Assert.Equal(show.ProductTitle, booking.GetProperty("productTitle").GetString());
        Assert.Equal(performance.GetProperty("startsAt").GetDateTimeOffset(), booking.GetProperty("startsAt").GetDateTimeOffset());
        Assert.InRange(booking.GetProperty("createdAt").GetDateTimeOffset(), before.AddSeconds(-1), after.AddSeconds(1));
        Assert.Equal(SmallShow.PriceR + SmallShow.PriceS, booking.GetProperty("total").GetInt64());
        Assert.Equal(JsonValueKind.Null, booking.GetProperty("refund").ValueKind);

        var seats = booking.GetProperty("seats").EnumerateArray().ToList();
        Assert.All(seats, s => ApiAssert.HasFields(s, BookingApi.SeatFields));
        Assert.Equal(
            [(show.RowA[0], "Main", "A", 1, "R", SmallShow.PriceR), (show.RowB[1], "Main", "B", 2, "S", SmallShow.PriceS)],
            seats.Select(s => (
                s.GetProperty("id").GetInt32(),
                s.GetProperty("section").GetString(),
                s.GetProperty("row").GetString(),
                s.GetProperty("number").GetInt32(),
                s.GetProperty("gradeName").GetString(),
                s.GetProperty("price").GetInt64())));

        var tickets = booking.GetProperty("tickets").EnumerateArray().ToList();
        Assert.All(tickets, t => ApiAssert.HasFields(t, BookingApi.TicketFields));
        Assert.Equal([show.RowA[0], show.RowB[1]], tickets.Select(t => t.GetProperty("seatId").GetInt32()).Order());
        Assert.All(tickets, t => Assert.Matches("^[A-Z2-9]{16}$", t.GetProperty("code").GetString()));
        Assert.Equal(2, tickets.Select(t => t.GetProperty("code").GetString()).Distinct().Count());
        Assert.All(tickets, t => Assert.Equal($"/api/bookings/{id}/tickets/{t.GetProperty("code").GetString()}/qr", t.GetProperty("qrUrl").GetString()));

        var statuses = await member.Client.SeatStatusesAsync(show.PerformanceId);
        Assert.Equal("sold", statuses[show.RowA[0]]);
        Assert.Equal("sold", statuses[show.RowB[1]]);
        Assert.Equal("available", statuses[show.RowA[1]]);
        using var convertedHold = await member.Client.GetAsync($"/api/holds/{HoldApi.HoldId(hold)}");
        await ApiAssert.ProblemAsync(convertedHold, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_answers_the_booking_as_it_was_created()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var created = await member.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowA[2]);

        var booking = await member.Client.GetJsonAsync($"/api/bookings/{BookingApi.BookingId(created)}");

        ApiAssert.HasFields(booking, BookingApi.BookingFields);
        Assert.Equal(created.ToString(), booking.ToString());
    }

    [Fact]
    public async Task The_list_has_the_members_own_bookings_newest_first()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        using var other = await app.NewMemberAsync();
        var first = await member.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowA[0]);
        var notTheirs = await other.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowA[1]);
        var second = await member.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowB[0], show.RowB[1]);

        var list = await member.Client.GetJsonAsync("/api/bookings");

        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        Assert.Equal([BookingApi.BookingId(second), BookingApi.BookingId(first)], list.EnumerateArray().Select(BookingApi.BookingId));
        Assert.All(list.EnumerateArray(), b => ApiAssert.HasFields(b, BookingApi.BookingFields));
        Assert.Equal(second.ToString(), list[0].ToString());
        var othersList = await other.Client.GetJsonAsync("/api/bookings");
        Assert.Equal([BookingApi.BookingId(notTheirs)], othersList.EnumerateArray().Select(BookingApi.BookingId));
    }

    [Fact]
    public async Task A_new_member_has_an_empty_list()
    {
        using var member = await app.NewMemberAsync();

        var list = await member.Client.GetJsonAsync("/api/bookings");

        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task Each_ticket_QR_is_a_PNG_of_its_code()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var booking = await member.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowA[0], show.RowA[1]);

        foreach (var ticket in booking.GetProperty("tickets").EnumerateArray())
        {
            using var response = await member.Client.GetAsync(ticket.GetProperty("qrUrl").GetString()!);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
            var png = await response.Content.ReadAsByteArrayAsync(Cancellation);
            Assert.Equal(BookingApi.PngSignature, png.Take(BookingApi.PngSignature.Length));
            Assert.Equal(TicketQr.Png(ticket.GetProperty("code").GetString()!), png);
        }
    }

    [Fact]
    public async Task A_code_that_is_not_one_of_the_bookings_tickets_has_no_QR()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var booking = await member.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowA[0]);
        var otherBooking = await member.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowA[1]);
        var id = BookingApi.BookingId(booking);
        var code = booking.GetProperty("tickets")[0].GetProperty("code").GetString()!;
        var otherCode = otherBooking.GetProperty("tickets")[0].GetProperty("code").GetString()!;

        using var unknown = await member.Client.GetAsync($"/api/bookings/{id}/tickets/AAAAAAAAAAAAAAAA/qr");
        using var lowerCase = await member.Client.GetAsync($"/api/bookings/{id}/tickets/{code.ToLowerInvariant()}/qr");
        using var ofAnotherBooking = await member.Client.GetAsync($"/api/bookings/{id}/tickets/{otherCode}/qr");
        using var ofUnknownBooking = await member.Client.GetAsync($"/api/bookings/{Guid.NewGuid()}/tickets/{code}/qr");

        await ApiAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(lowerCase, HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(ofAnotherBooking, HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(ofUnknownBooking, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cancel_answers_200_with_the_refund_and_the_seats_are_for_sale_again_at_once()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        using var next = await app.NewMemberAsync();
        var booking = await member.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowA[0], show.RowB[0]);
        var id = BookingApi.BookingId(booking);
        var qrUrl = booking.GetProperty("tickets")[0].GetProperty("qrUrl").GetString()!;
        var charge = Assert.Single(app.Ledger().ChargesFor(id));
        var before = DateTimeOffset.UtcNow;

        using var response = await member.Client.CancelAsync(id);

        var cancelled = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        var after = DateTimeOffset.UtcNow;
        ApiAssert.HasFields(cancelled, BookingApi.BookingFields);
        Assert.Equal(id, BookingApi.BookingId(cancelled));
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(booking.GetProperty("number").GetString(), cancelled.GetProperty("number").GetString());
        Assert.Equal(BookingApi.SeatIds(booking), BookingApi.SeatIds(cancelled));
        Assert.Equal(0, cancelled.GetProperty("tickets").GetArrayLength());
        var refund = cancelled.GetProperty("refund");
        ApiAssert.HasFields(refund, "amount", "refundedAt");
        Assert.Equal(SmallShow.PriceR + SmallShow.PriceS, refund.GetProperty("amount").GetInt64());
        Assert.InRange(refund.GetProperty("refundedAt").GetDateTimeOffset(), before.AddSeconds(-1), after.AddSeconds(1));
        Assert.True(app.Ledger().IsRefunded(charge.Reference));
        Assert.Equal(charge.Amount, app.Ledger().Refunds.Single(r => r.Reference == charge.Reference).Amount);

        Assert.Equal(cancelled.ToString(), (await member.Client.GetJsonAsync($"/api/bookings/{id}")).ToString());
        Assert.Equal(cancelled.ToString(), (await member.Client.GetJsonAsync("/api/bookings"))[0].ToString());
        using (var qr = await member.Client.GetAsync(qrUrl))
        {
            await ApiAssert.ProblemAsync(qr, HttpStatusCode.NotFound);
        }

        using var anonymous = app.Anonymous();
        var statuses = await anonymous.SeatStatusesAsync(show.PerformanceId);
        Assert.Equal("available", statuses[show.RowA[0]]);
        Assert.Equal("available", statuses[show.RowB[0]]);
        var rebooked = await next.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowA[0], show.RowB[0]);
        Assert.Equal(BookingApi.SeatIds(booking), BookingApi.SeatIds(rebooked));
    }

    [Fact]
    public async Task Cancelling_twice_answers_the_same_cancelled_booking_and_refunds_once()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var id = BookingApi.BookingId(await member.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowA[1]));
        var charge = Assert.Single(app.Ledger().ChargesFor(id));
        using var first = await member.Client.CancelAsync(id);
        var firstBody = await ApiAssert.JsonAsync(first, HttpStatusCode.OK);

        using var second = await member.Client.CancelAsync(id);

        Assert.Equal(firstBody.ToString(), (await ApiAssert.JsonAsync(second, HttpStatusCode.OK)).ToString());
        Assert.Single(app.Ledger().Refunds, r => r.Reference == charge.Reference);
    }

    [Fact]
    public async Task Cancel_after_the_performance_started_answers_409_and_the_booking_stands()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var booking = await member.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowB[2]);
        var id = BookingApi.BookingId(booking);
        var charge = Assert.Single(app.Ledger().ChargesFor(id));
        await HoldApi.StartAsync(app.Services, show.PerformanceId);

        using var response = await member.Client.CancelAsync(id);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(AtTicket.Domain.Bookings.Booking.CannotCancelStarted.Message, problem.GetProperty("detail").GetString());
        var after = await member.Client.GetJsonAsync($"/api/bookings/{id}");
        Assert.Equal("confirmed", after.GetProperty("status").GetString());
        Assert.Equal(1, after.GetProperty("tickets").GetArrayLength());
        Assert.False(app.Ledger().IsRefunded(charge.Reference));
        Assert.Equal("sold", (await member.Client.SeatStatusesAsync(show.PerformanceId))[show.RowB[2]]);
    }

    [Fact]
    public async Task An_admin_reads_and_cancels_any_members_booking()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        using var admin = await app.AdminAsync();
        var booking = await member.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowA[2]);
        var id = BookingApi.BookingId(booking);
        var code = booking.GetProperty("tickets")[0].GetProperty("code").GetString()!;

        var read = await admin.GetJsonAsync($"/api/bookings/{id}");
        using var qr = await admin.GetAsync($"/api/bookings/{id}/tickets/{code}/qr");
        using var cancel = await admin.CancelAsync(id);

        Assert.Equal(booking.ToString(), read.ToString());
        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        var cancelled = await ApiAssert.JsonAsync(cancel, HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("cancelled", (await member.Client.GetJsonAsync($"/api/bookings/{id}")).GetProperty("status").GetString());
        Assert.Equal("available", (await member.Client.SeatStatusesAsync(show.PerformanceId))[show.RowA[2]]);
        Assert.True(app.Ledger().IsRefunded(app.Ledger().ChargesFor(id).Single().Reference));

        // The admin's own list is the admin's own bookings, not everybody's.
        Assert.DoesNotContain(id, (await admin.GetJsonAsync("/api/bookings")).EnumerateArray().Select(BookingApi.BookingId));
    }

    private async Task<SmallShow> SmallShowAsync()
    {
        using var admin = await app.AdminAsync();
        return await new AdminSetup(admin).SmallShowAsync("Booking flow show");
    }
}

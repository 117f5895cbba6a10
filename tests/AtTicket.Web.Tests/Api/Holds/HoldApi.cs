using System.Net;
using System.Text.Json;
using AtTicket.Domain.Bookings;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Api.Holds;

/// <summary>A member registered for one test: its own limits, its own rate-limit bucket, its own holds.</summary>
public sealed record HoldingMember(string Email, string Id, ApiClient Client) : IDisposable
{
    public void Dispose() => Client.Dispose();
}

/// <summary>The holds API as a client calls it, and the few facts a test reads straight from the app's database.</summary>
public static class HoldApi
{
    public const string Password = "Encore#2027";

    /// <summary>The fields of a Hold in docs/api.md.</summary>
    public static readonly string[] HoldFields = ["id", "performanceId", "seats", "total", "expiresAt"];

    /// <summary>The fields of each seat of a Hold in docs/api.md.</summary>
    public static readonly string[] SeatFields = ["id", "section", "row", "number", "gradeId", "price"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Registers a new customer through /api/auth/register and logs in with a bearer token.</summary>
    public static async Task<HoldingMember> NewMemberAsync(this ApiApp app)
    {
        var email = $"holds-{Guid.NewGuid():N}@example.com";
        using (var anonymous = app.Anonymous())
        {
            using var registered = await anonymous.PostAsync("/api/auth/register", new { email, password = Password, acceptPrivacyTerms = true });
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }

        var token = await app.LogInAsync(email, Password);
        return new HoldingMember(email, await MemberIdAsync(app.Services, email), app.WithToken(token));
    }

    public static Task<HttpResponseMessage> HoldAsync(this ApiClient client, int performanceId, params int[] seatIds) =>
        client.PostAsync($"/api/performances/{performanceId}/holds", new { seatIds });

    public static Task<HttpResponseMessage> HoldBestAsync(this ApiClient client, int performanceId, int gradeId, int quantity) =>
        client.PostAsync($"/api/performances/{performanceId}/holds", new { gradeId, quantity });

    /// <summary>Holds the seats, which must answer 201; returns the Hold.</summary>
    public static async Task<JsonElement> HoldSuccessfullyAsync(this ApiClient client, int performanceId, params int[] seatIds)
    {
        using var response = await client.HoldAsync(performanceId, seatIds);
        return await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    public static Guid HoldId(JsonElement hold) => hold.GetProperty("id").GetGuid();

    public static IReadOnlyList<int> SeatIds(JsonElement hold) =>
        [.. hold.GetProperty("seats").EnumerateArray().Select(s => s.GetProperty("id").GetInt32())];

    /// <summary>Each seat's status as /api/performances/{id}/seats tells anyone.</summary>
    public static async Task<IReadOnlyDictionary<int, string>> SeatStatusesAsync(this ApiClient client, int performanceId)
    {
        var map = await client.GetJsonAsync($"/api/performances/{performanceId}/seats");
        return map.GetProperty("seats").EnumerateArray()
            .ToDictionary(s => s.GetProperty("id").GetInt32(), s => s.GetProperty("status").GetString()!);
    }

    /// <summary>Seats left in one grade as /api/performances/{id}/availability counts them.</summary>
    public static async Task<int> RemainingAsync(this ApiClient client, int performanceId, int gradeId)
    {
        var availability = await client.GetJsonAsync($"/api/performances/{performanceId}/availability");
        return availability.GetProperty("grades").EnumerateArray()
            .Single(g => g.GetProperty("gradeId").GetInt32() == gradeId)
            .GetProperty("remaining").GetInt32();
    }

    /// <summary>
    /// A show with one grade "A" (30,000 won) over a hall of <paramref name="rows"/> x <paramref name="seatsPerRow"/>
    /// seats; for the limits that need more seats than <see cref="SmallShow"/> has.
    /// </summary>
    public static async Task<(int PerformanceId, int GradeId, IReadOnlyList<int> SeatIds)> GridShowAsync(this ApiApp app, int rows, int seatsPerRow)
    {
        using var admin = await app.AdminAsync();
        var setup = new AdminSetup(admin);
        var product = await setup.CreateProductAsync(ProductBody.OnSale("Grid show"));
        var venueId = await setup.CreateVenueAsync("Grid venue");
        var hall = await setup.CreateHallAsync(venueId, HallBody.Grid("Grid", rows, seatsPerRow));
        IReadOnlyList<int> seatIds = [.. Enumerable.Range(0, rows).SelectMany(r => AdminSetup.SeatIdsOfRow(hall, ((char)('A' + r)).ToString()))];
        var performance = await setup.ScheduleAsync(
            product.GetProperty("id").GetInt32(),
            NewPerformanceBody.OnSale(hall.GetProperty("id").GetInt32(), new GradeBody(null, "A", 30_000, "#27ae60", seatIds)));
        return (performance.GetProperty("id").GetInt32(), AdminSetup.GradeId(performance, "A"), seatIds);
    }

    public static async Task<string> MemberIdAsync(IServiceProvider services, string email)
    {
        await using var db = await CreateContextAsync(services);
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Cancellation);
    }

    /// <summary>
    /// What a confirmed booking leaves behind: the member's booking for the seats, and the seats sold to it
    /// (the booking API is not built yet, so the seats go through the domain's own state machine).
    /// </summary>
    public static async Task SellToAsync(IServiceProvider services, string memberId, int performanceId, IReadOnlyList<int> seatIds)
    {
        await using var db = await CreateContextAsync(services);
        var seats = await db.PerformanceSeats.Include(s => s.Grade)
            .Where(s => s.PerformanceId == performanceId && seatIds.Contains(s.SeatId))
            .ToListAsync(Cancellation);
        Assert.Equal(seatIds.Count, seats.Count);
        var now = DateTimeOffset.UtcNow;
        var holdId = Guid.NewGuid();
        var booking = new Booking(
            Guid.NewGuid(),
            $"T{Random.Shared.Next(10_000_000, 99_999_999)}",
            memberId,
            performanceId,
            holdId,
            Guid.NewGuid().ToString("N"),
            [.. seats.Select(s => new BookedSeat(s.SeatId, s.Grade!.Name, s.Grade.Price))],
            now);
        booking.Confirm("test-payment", now);
        foreach (var seat in seats)
        {
            seat.Hold(holdId, now.AddMinutes(10), now);
            seat.Sell(holdId, booking.Id, now);
        }

        db.Bookings.Add(booking);
        await db.SaveChangesAsync(Cancellation);
    }

    /// <summary>Lets a hold's time run out (a minute ago) without the sweeper releasing it.</summary>
    public static async Task ExpireAsync(IServiceProvider services, Guid holdId)
    {
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        await using var db = await CreateContextAsync(services);
        Assert.Equal(1, await db.SeatHolds.Where(h => h.Id == holdId).ExecuteUpdateAsync(u => u.SetProperty(h => h.ExpiresAt, past), Cancellation));
        Assert.NotEqual(0, await db.PerformanceSeats.Where(s => s.HoldId == holdId).ExecuteUpdateAsync(u => u.SetProperty(s => s.HeldUntil, past), Cancellation));
    }

    /// <summary>Moves a performance's start to an hour ago: it has begun, so nothing more can be held.</summary>
    public static async Task StartAsync(IServiceProvider services, int performanceId)
    {
        var started = DateTimeOffset.UtcNow.AddHours(-1);
        await using var db = await CreateContextAsync(services);
        Assert.Equal(1, await db.Performances.Where(p => p.Id == performanceId).ExecuteUpdateAsync(u => u.SetProperty(p => p.StartsAt, started), Cancellation));
    }

    /// <summary>The member's holds in the database with their status, whatever the API says.</summary>
    public static async Task<IReadOnlyList<(Guid Id, HoldStatus Status)>> HoldsOfAsync(IServiceProvider services, string memberId)
    {
        await using var db = await CreateContextAsync(services);
        var holds = await db.SeatHolds.Where(h => h.MemberId == memberId).Select(h => new { h.Id, h.Status }).ToListAsync(Cancellation);
        return [.. holds.Select(h => (h.Id, h.Status))];
    }

    private static Task<AtTicketDbContext> CreateContextAsync(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Cancellation);
}

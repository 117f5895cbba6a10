using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Infrastructure.Payments;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Web.Tests.Api.Holds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Api.Bookings;

/// <summary>The card of a booking request as a client writes it; starts as the approved test card, valid for three more years.</summary>
public sealed record PaymentBody(string? CardNumber, string? Expiry, string? Cvc, string? HolderName)
{
    public static PaymentBody Approved => Card(SimulatedPaymentGateway.ApprovedCard);

    public static PaymentBody Card(string number) =>
        new(number, DateTimeOffset.UtcNow.AddYears(3).ToString("MM/yy", CultureInfo.InvariantCulture), "123", "Kim Minji");
}

public sealed record BookingBody(Guid? HoldId, PaymentBody? Payment)
{
    public static BookingBody For(Guid holdId, PaymentBody? payment = null) => new(holdId, payment ?? PaymentBody.Approved);
}

/// <summary>The bookings API as a client calls it, and the simulated gateway's books, which a test reads to count charges.</summary>
public static class BookingApi
{
    /// <summary>The fields of a Booking in docs/api.md, with the refund of a cancelled or refunded one.</summary>
    public static readonly string[] BookingFields =
        ["id", "number", "status", "performanceId", "productTitle", "startsAt", "seats", "total", "createdAt", "tickets", "refund"];

    public static readonly string[] SeatFields = ["id", "section", "row", "number", "gradeName", "price"];

    public static readonly string[] TicketFields = ["code", "seatId", "qrUrl"];

    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static string NewKey() => Guid.NewGuid().ToString();

    /// <summary>POST /api/bookings with <paramref name="idempotencyKey"/> as the header (none when null, sent as written otherwise).</summary>
    public static Task<HttpResponseMessage> BookAsync(this ApiClient client, string? idempotencyKey, object? body) =>
        SendBookingAsync(client, idempotencyKey, body is null ? null : JsonContent.Create(body, body.GetType(), options: ApiClient.Json));

    public static Task<HttpResponseMessage> BookAsync(this ApiClient client, Guid holdId, string idempotencyKey, PaymentBody? payment = null) =>
        client.BookAsync(idempotencyKey, BookingBody.For(holdId, payment));

    /// <summary>POST /api/bookings with a key and <paramref name="json"/> exactly as written.</summary>
    public static Task<HttpResponseMessage> BookRawAsync(this ApiClient client, string idempotencyKey, string json) =>
        SendBookingAsync(client, idempotencyKey, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Holds the seats and books them with the approved card and a new key; both must succeed. Returns the Booking.</summary>
    public static async Task<JsonElement> BookSuccessfullyAsync(this ApiClient client, int performanceId, params int[] seatIds)
    {
        var hold = await client.HoldSuccessfullyAsync(performanceId, seatIds);
        using var response = await client.BookAsync(HoldApi.HoldId(hold), NewKey());
        return await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    public static Task<HttpResponseMessage> CancelAsync(this ApiClient client, Guid bookingId) =>
        client.PostAsync($"/api/bookings/{bookingId}/cancel", new { });

    public static Guid BookingId(JsonElement booking) => booking.GetProperty("id").GetGuid();

    public static IReadOnlyList<int> SeatIds(JsonElement booking) =>
        [.. booking.GetProperty("seats").EnumerateArray().Select(s => s.GetProperty("id").GetInt32())];

    public static PaymentLedger Ledger(this ApiApp app) =>
        app.Services.GetRequiredService<SimulatedPaymentGateway>().Ledger;

    /// <summary>The gateway's charges for one booking: the gateway's key is the booking's id, never the member's key.</summary>
    public static IReadOnlyList<LedgerCharge> ChargesFor(this PaymentLedger ledger, Guid bookingId) =>
        [.. ledger.Charges.Where(c => c.IdempotencyKey == $"booking-{bookingId:N}")];

    /// <summary>
    /// What an earlier checkout that stopped half-way leaves: a PendingPayment booking of the hold under
    /// <paramref name="idempotencyKey"/>, nothing charged yet (made through the domain's own store).
    /// </summary>
    public static async Task<Guid> LeavePendingAsync(IServiceProvider services, string memberId, Guid holdId, string idempotencyKey)
    {
        var store = services.GetRequiredService<IBookingStore>();
        var now = DateTimeOffset.UtcNow;
        var start = await store.StartCheckoutAsync(memberId, idempotencyKey, holdId, now, Cancellation);
        var hold = start.Hold ?? throw new InvalidOperationException($"No hold {holdId}.");
        var seats = start.PricedSeats;
        var booking = await store.AddPendingAsync(
            new Booking(Guid.NewGuid(), BookingService.NewNumber(now), memberId, hold.PerformanceId, hold.Id, idempotencyKey, seats, now),
            Cancellation);
        Assert.Equal(BookingStatus.PendingPayment, booking.Status);
        return booking.Id;
    }

    /// <summary>Every booking the member's checkouts made, as stored, whatever the API shows of them.</summary>
    public static async Task<IReadOnlyList<Guid>> BookingIdsOfAsync(IServiceProvider services, string memberId)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Cancellation);
        return await db.Bookings.Where(b => b.MemberId == memberId).Select(b => b.Id).ToListAsync(Cancellation);
    }

    private static Task<HttpResponseMessage> SendBookingAsync(ApiClient client, string? idempotencyKey, HttpContent? content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = content };
        if (idempotencyKey is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey));
        }

        return client.Http.SendAsync(request, Cancellation);
    }
}

using System.Net;
using System.Text.Json;
using AtTicket.Infrastructure.Payments;
using AtTicket.Web.Tests.Api.Holds;

namespace AtTicket.Web.Tests.Api.Bookings;

/// <summary>
/// Who may touch a booking: anonymous callers get 401 everywhere; another member's booking is 404 for
/// reading, cancelling and its QR codes, answered exactly as for a booking that does not exist.
/// </summary>
public sealed class BookingAccessApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Anonymous_callers_get_401_on_every_booking_endpoint_and_nothing_changes()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var booking = await member.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowA[0]);
        var id = BookingApi.BookingId(booking);
        var holdId = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[1]));
        using var anonymous = app.Anonymous();

        using var book = await anonymous.BookAsync(holdId, BookingApi.NewKey());
        using var list = await anonymous.GetAsync("/api/bookings");
        using var get = await anonymous.GetAsync($"/api/bookings/{id}");
        using var cancel = await anonymous.CancelAsync(id);
        using var qr = await anonymous.GetAsync(booking.GetProperty("tickets")[0].GetProperty("qrUrl").GetString()!);

        await ApiAssert.ProblemAsync(book, HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(list, HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(get, HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(cancel, HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(qr, HttpStatusCode.Unauthorized);
        Assert.Equal(booking.ToString(), (await member.Client.GetJsonAsync($"/api/bookings/{id}")).ToString());
        Assert.Equal(holdId, HoldApi.HoldId(await member.Client.GetJsonAsync($"/api/holds/{holdId}")));
    }

    [Fact]
    public async Task Another_members_booking_is_404_for_get_cancel_and_QR_exactly_like_a_missing_one()
    {
        var show = await SmallShowAsync();
        using var owner = await app.NewMemberAsync();
        using var stranger = await app.NewMemberAsync();
        var booking = await owner.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowB[0]);
        var id = BookingApi.BookingId(booking);
        var code = booking.GetProperty("tickets")[0].GetProperty("code").GetString()!;
        var missing = Guid.NewGuid();

        await AssertSameProblemAsync(
            await stranger.Client.GetAsync($"/api/bookings/{id}"),
            await stranger.Client.GetAsync($"/api/bookings/{missing}"));
        await AssertSameProblemAsync(
            await stranger.Client.CancelAsync(id),
            await stranger.Client.CancelAsync(missing));
        await AssertSameProblemAsync(
            await stranger.Client.GetAsync($"/api/bookings/{id}/tickets/{code}/qr"),
            await stranger.Client.GetAsync($"/api/bookings/{missing}/tickets/{code}/qr"));

        Assert.Equal(booking.ToString(), (await owner.Client.GetJsonAsync($"/api/bookings/{id}")).ToString());
        Assert.Equal("sold", (await owner.Client.SeatStatusesAsync(show.PerformanceId))[show.RowB[0]]);
        Assert.Equal(0, (await stranger.Client.GetJsonAsync("/api/bookings")).GetArrayLength());
    }

    [Fact]
    public async Task A_members_own_declined_checkout_is_not_a_booking_they_can_read_or_cancel()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        using var admin = await app.AdminAsync();
        var holdId = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowB[1]));
        using (var declined = await member.Client.BookAsync(holdId, BookingApi.NewKey(), PaymentBody.Card(SimulatedPaymentGateway.DeclinedCard)))
        {
            await ApiAssert.ProblemAsync(declined, HttpStatusCode.PaymentRequired);
        }

        var declinedId = (await BookingApi.BookingIdsOfAsync(app.Services, member.Id)).Single();

        using var get = await member.Client.GetAsync($"/api/bookings/{declinedId}");
        using var cancel = await member.Client.CancelAsync(declinedId);

        await ApiAssert.ProblemAsync(get, HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(cancel, HttpStatusCode.NotFound);

        // An admin sees every checkout, a declined one as cancelled without tickets; it cannot be cancelled again.
        var seen = await admin.GetJsonAsync($"/api/bookings/{declinedId}");
        Assert.Equal("cancelled", seen.GetProperty("status").GetString());
        Assert.Equal(0, seen.GetProperty("tickets").GetArrayLength());
        using var adminCancel = await admin.CancelAsync(declinedId);
        await ApiAssert.ProblemAsync(adminCancel, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_booking_id_that_is_not_a_guid_answers_404()
    {
        using var member = await app.NewMemberAsync();

        using var get = await member.Client.GetAsync("/api/bookings/42");
        using var cancel = await member.Client.PostAsync("/api/bookings/42/cancel", new { });
        using var qr = await member.Client.GetAsync("/api/bookings/42/tickets/AAAA/qr");

        await ApiAssert.ProblemAsync(get, HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(cancel, HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(qr, HttpStatusCode.NotFound);
    }

    /// <summary>Both answers are 404 problems with the same title and detail (their traceIds differ); disposes both.</summary>
    private static async Task AssertSameProblemAsync(HttpResponseMessage actual, HttpResponseMessage missing)
    {
        using (actual)
        using (missing)
        {
            var actualProblem = await ApiAssert.ProblemAsync(actual, HttpStatusCode.NotFound);
            var missingProblem = await ApiAssert.ProblemAsync(missing, HttpStatusCode.NotFound);
            Assert.Equal(Describe(missingProblem), Describe(actualProblem));
        }
    }

    private static string Describe(JsonElement problem) =>
        string.Join('\n', problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));

    private async Task<SmallShow> SmallShowAsync()
    {
        using var admin = await app.AdminAsync();
        return await new AdminSetup(admin).SmallShowAsync("Booking access show");
    }
}

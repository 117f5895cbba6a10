using System.Net;
using AtTicket.Web.Tests.Api.Holds;

namespace AtTicket.Web.Tests.Api.Bookings;

/// <summary>
/// Another site's page can post a form to the API with the member's cookie; such a call must not cancel
/// anything. The API's own clients (bearer tokens, or a script sending X-Requested-With) still can.
/// </summary>
public sealed class CsrfApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task A_cross_site_form_post_with_the_cookie_is_refused_and_the_booking_stays()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("CSRF show");
        using var member = await app.NewMemberAsync();
        var bookingId = BookingApi.BookingId(await member.Client.BookSuccessfullyAsync(show.PerformanceId, show.RowA[0]));
        using var browser = app.App.NewBrowser();
        await browser.LogInSuccessfullyAsync(member.Email, HoldApi.Password);

        using (var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/bookings/{bookingId}/cancel")
        {
            Content = new FormUrlEncodedContent([]),
        })
        {
            forged.Headers.Add("Origin", "https://evil.example");
            using var refused = await browser.Client.SendAsync(forged, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal("confirmed", (await member.Client.GetJsonAsync($"/api/bookings/{bookingId}")).GetProperty("status").GetString());

        // The same cookie with the header a cross-site form cannot send: the member's own script may cancel.
        using var own = new HttpRequestMessage(HttpMethod.Post, $"/api/bookings/{bookingId}/cancel");
        own.Headers.Add("X-Requested-With", "XMLHttpRequest");
        using var cancelled = await browser.Client.SendAsync(own, TestContext.Current.CancellationToken);
        Assert.Equal("cancelled", (await ApiAssert.JsonAsync(cancelled, HttpStatusCode.OK)).GetProperty("status").GetString());
    }
}

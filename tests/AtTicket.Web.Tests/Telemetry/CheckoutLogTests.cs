using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AtTicket.Infrastructure.Payments;
using AtTicket.Web.Tests.Api;
using AtTicket.Web.Tests.Api.Bookings;
using AtTicket.Web.Tests.Api.Holds;
using AtTicket.Web.Tests.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AtTicket.Web.Tests.Telemetry;

/// <summary>
/// What the app logs of a paid checkout, a declined one and a refund, on MariaDB at Debug level, as a
/// structured sink keeps it: the booking's lines name its number and hold as fields, and no message,
/// field or exception holds the card (its number with or without spaces, its CVC, its expiry, its holder).
/// </summary>
public sealed partial class CheckoutLogTests
{
    private static readonly string Expiry = DateTimeOffset.UtcNow.AddYears(4).ToString("MM/yy", CultureInfo.InvariantCulture);
    private static readonly PaymentBody Paid = new("4242 4242 4242 4242", Expiry, "737", "Logged Holder Seoyeon");
    private static readonly PaymentBody Declined = new("4000 0000 0000 0002", Expiry, "737", "Logged Holder Seoyeon");

    [Fact]
    public async Task Booking_lines_name_the_booking_and_hold_as_fields_and_no_line_holds_the_card()
    {
        await using var app = new LoggedApp(TestApp.OnMariaDb(new Dictionary<string, string>
        {
            // Debug for the capture only (a provider's own rule beats the categories'), so the console stays quiet.
            [$"Logging:{typeof(LogCapture).FullName}:LogLevel:Default"] = "Debug",
        }));
        await app.InitializeAsync();
        using var logs = new LogCapture();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Logged show");
        using var member = await app.NewMemberAsync();

        var paidHold = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]));
        using var booked = await member.Client.BookAsync(paidHold, BookingApi.NewKey(), Paid);
        var booking = await ApiAssert.JsonAsync(booked, HttpStatusCode.Created);
        var declinedHold = HoldApi.HoldId(await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[1]));
        using (var declined = await member.Client.BookAsync(declinedHold, BookingApi.NewKey(), Declined))
        {
            await ApiAssert.ProblemAsync(declined, HttpStatusCode.PaymentRequired);
        }

        using (var cancelled = await member.Client.CancelAsync(BookingApi.BookingId(booking)))
        {
            Assert.Equal(JsonValueKind.Object, (await ApiAssert.JsonAsync(cancelled, HttpStatusCode.OK)).GetProperty("refund").ValueKind);
        }

        var entries = logs.Entries;
        TestContext.Current.TestOutputHelper?.WriteLine($"{entries.Count} log entries; the booking's:\n{string.Join('\n', entries.Where(e => e.Fields.ContainsKey("BookingNumber")))}");
        var number = booking.GetProperty("number").GetString()!;
        AssertLine(entries, "BookingOpened", paidHold, number);
        AssertLine(entries, "BookingSold", paidHold, number);
        AssertLine(entries, "BookingCancelled", paidHold, number);
        AssertLine(entries, "RefundIssued", paidHold, number);
        var refused = AssertLine(entries, "PaymentRefused", declinedHold, number: null);
        Assert.NotEqual(number, refused.Field("BookingNumber"));
        Assert.Contains(entries, e => e.Level == LogLevel.Debug); // the search below covers Debug lines too
        Assert.All(entries, e => AssertHoldsNoCard(e));
    }

    /// <summary>The line named <paramref name="eventName"/> of the hold's booking, with the booking's number and the hold as fields.</summary>
    private static CapturedLog AssertLine(IReadOnlyList<CapturedLog> entries, string eventName, Guid holdId, string? number)
    {
        var line = Assert.Single(entries, e => e.EventId.Name == eventName && e.Field("HoldId") == holdId.ToString());
        Assert.Matches(BookingNumber(), line.Field("BookingNumber") ?? string.Empty);
        if (number is not null)
        {
            Assert.Equal(number, line.Field("BookingNumber"));
        }

        Assert.Contains(line.Field("BookingNumber")!, line.Message, StringComparison.Ordinal);
        return line;
    }

    private static void AssertHoldsNoCard(CapturedLog entry)
    {
        var text = entry.AllText;
        foreach (var card in new[] { Paid, Declined })
        {
            Assert.False(text.Contains(card.CardNumber!, StringComparison.Ordinal), $"The card number is in: {entry}");
            Assert.False(text.Contains(card.CardNumber!.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal), $"The card's digits are in: {entry}");
        }

        Assert.False(text.Contains(Expiry, StringComparison.Ordinal), $"The card's expiry is in: {entry}");
        Assert.False(text.Contains(Paid.HolderName!, StringComparison.Ordinal), $"The card holder's name is in: {entry}");
        Assert.False(Cvc().IsMatch(text), $"The CVC is in: {entry}");
    }

    /// <summary>The CVC beside a name for it, as a message, a field or JSON would write it ("cvc":"737", CVC 737, Cvc = 737).</summary>
    [GeneratedRegex(@"(cvc|cvv|security.?code)\W{0,4}737", RegexOptions.IgnoreCase)]
    private static partial Regex Cvc();

    [GeneratedRegex("^AT[0-9]{6}[A-Z0-9]{6}$")]
    private static partial Regex BookingNumber();

    private sealed class LoggedApp(TestApp app) : ApiApp(app);
}

using AtTicket.Infrastructure.Tests.Mail;

namespace AtTicket.EndToEnd.Tests.Booking;

/// <summary>A booking paid in the browser is confirmed by mail: the outbox, the worker and the real SMTP sink behind the app.</summary>
[Collection(BookingCollection.Name)]
public sealed class ConfirmationMailTests(AppProcess app, ChromiumBrowser chromium) : BookingSteps(app, chromium)
{
    private static readonly HallSeat[] MailedSeats = [new("Balcony C", "D", 5)];

    [Fact]
    public Task Customer_who_books_and_pays_gets_the_confirmation_mail_with_the_booking_number() => InBrowserAsync(async page =>
    {
        var sink = SmtpSink.Shared();
        var customer = await SignUpAsync(page, PerformancePath);
        await PickSeatsAsync(page, MailedSeats);
        await HoldAsync(page, MailedSeats, BalconyPrice);
        await PayAsync(page, ApprovedCard);
        var number = await ExpectNewBookingAsync(page, MailedSeats, BalconyPrice);

        // Signing up also mailed a link to confirm the address: this test wants the booking's mail.
        var mail = Assert.Single(await sink.WaitForMailsToAsync(customer.Email, m => m.Subject?.StartsWith("Your booking", StringComparison.Ordinal) == true));
        Assert.Equal($"Your booking {number} is confirmed", mail.Subject);
        Assert.Contains(number, mail.TextBody);
        Assert.Contains(ProductTitle, mail.TextBody);
        Assert.Contains(BalconyPrice, mail.TextBody);
    });
}

using System.Reflection;
using System.Xml.Linq;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Bookings.Payments;
using AtTicket.Domain.Common;
using AtTicket.Infrastructure.Payments;
using AtTicket.Web.Tests.Localization;

namespace AtTicket.Web.Tests.Components.Bookings;

/// <summary>
/// Checkout and the booking page show the domain's and the gateway's sentences through <c>L[message]</c>,
/// a lookup the general <c>L["..."]</c> scan cannot see; this test covers them.
/// </summary>
public sealed class BookingMessageResourceTests
{
    [Fact]
    public void Every_checkout_and_cancellation_message_has_an_English_and_a_Korean_resource()
    {
        var messages = ConstantMessages(typeof(BookingService), typeof(BookingCancellation), typeof(Booking), typeof(SimulatedPaymentGateway))
            .Except([SimulatedPaymentGateway.ApprovedMessage])
            .Concat(CardValidationMessages())
            .Distinct()
            .ToList();
        var english = Keys(SourceTree.EnglishResources);
        var korean = Keys(SourceTree.KoreanResources);

        var missing = messages.Where(m => !english.Contains(m) || !korean.Contains(m)).ToList();

        Assert.Contains("The card has expired.", messages);
        Assert.Empty(missing);
    }

    private static IEnumerable<string> ConstantMessages(params Type[] types) =>
        types.SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.EndsWith("Message", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!);

    /// <summary>What the card checks answer for each kind of mistake the form can send them.</summary>
    private static IEnumerable<string> CardValidationMessages()
    {
        var now = DateTimeOffset.UtcNow;
        Action[] mistakes =
        [
            () => CardValidation.EnsureNumber(""),
            () => CardValidation.EnsureNumber("4242 42x2"),
            () => CardValidation.EnsureNumber("4242"),
            () => CardValidation.EnsureNumber("4242 4242 4242 4241"),
            () => CardValidation.EnsureExpiry("", now),
            () => CardValidation.EnsureExpiry("1229", now),
            () => CardValidation.EnsureExpiry("13/29", now),
            () => CardValidation.EnsureExpiry("01/20", now),
            () => CardValidation.EnsureCvc(""),
            () => CardValidation.EnsureCvc("12"),
        ];
        foreach (var mistake in mistakes)
        {
            var refused = Assert.Throws<DomainException>(mistake);
            yield return refused.Message;
        }
    }

    private static HashSet<string> Keys(string path) =>
        [.. XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];
}

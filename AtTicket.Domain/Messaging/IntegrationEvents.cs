using System.Text.Json;
using System.Text.Json.Serialization;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Catalog;

namespace AtTicket.Domain.Messaging;

/// <summary>A booking was paid for and its seats sold. The mail reads tickets and seats from the booking.</summary>
public sealed record BookingConfirmed(Guid BookingId, string Number, string MemberId, int PerformanceId, long TotalAmount);

/// <summary>A confirmed booking was cancelled before its performance; the whole amount is refunded.</summary>
public sealed record BookingCancelled(Guid BookingId, string Number, string MemberId, int PerformanceId, long RefundAmount);

/// <summary>A product went on sale (also when it was created on sale): the moment subscribers are told.</summary>
public sealed record ProductOnSale(int ProductId, string Title, ProductCategory Category);

public enum AccountMailKind
{
    ConfirmAddress,
    ResetPasswordLink,
    ResetPasswordCode,

    /// <summary>Someone tried to register the address of an existing account; the link leads to the login page.</summary>
    RegistrationAttempt,

    /// <summary>The member's sign-in address was changed; sent to the previous address, the link leads to the forgot-password page.</summary>
    AddressChanged,
}

/// <summary>
/// Identity asked for an account mail: <paramref name="ProtectedLinkOrCode"/> is the confirmation or reset
/// link (or the reset code), encrypted, because whoever holds it can take over the account and the outbox
/// row and the bus message outlive the mail. It goes to <paramref name="Email"/>, in <paramref name="Culture"/>,
/// the language of the page that asked (null: the member's preference). <paramref name="ChangedTo"/> is the new
/// address of an <see cref="AccountMailKind.AddressChanged"/> notice, already masked.
/// </summary>
public sealed record AccountMail(
    string MemberId,
    string Email,
    [property: JsonConverter(typeof(JsonStringEnumConverter<AccountMailKind>))] AccountMailKind Kind,
    string ProtectedLinkOrCode,
    string? Culture,
    string? ChangedTo = null);

/// <summary>
/// The events AtTicket tells the outside about, and how each becomes an outbox row: its type name
/// (the bus topic is derived from it), the aggregate it is keyed by, and a JSON payload.
/// </summary>
public static class IntegrationEvents
{
    public const string BookingConfirmedType = nameof(BookingConfirmed);
    public const string BookingCancelledType = nameof(BookingCancelled);
    public const string ProductOnSaleType = nameof(ProductOnSale);
    public const string AccountMailType = nameof(AccountMail);

    public static readonly IReadOnlyList<string> Types = [BookingConfirmedType, BookingCancelledType, ProductOnSaleType, AccountMailType];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static OutboxMessage Confirmed(Booking booking, DateTimeOffset now) =>
        Create(
            BookingConfirmedType,
            booking.Id.ToString(),
            new BookingConfirmed(booking.Id, booking.Number, booking.MemberId, booking.PerformanceId, booking.TotalAmount),
            now);

    public static OutboxMessage Cancelled(Guid bookingId, string number, string memberId, int performanceId, long refundAmount, DateTimeOffset now) =>
        Create(BookingCancelledType, bookingId.ToString(), new BookingCancelled(bookingId, number, memberId, performanceId, refundAmount), now);

    public static OutboxMessage OnSale(Product product, DateTimeOffset now)
    {
        if (product.Id <= 0 || product.Status != ProductStatus.OnSale)
        {
            throw new InvalidOperationException("Only a stored product that is on sale can be announced.");
        }

        return Create(ProductOnSaleType, product.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new ProductOnSale(product.Id, product.Title, product.Category), now);
    }

    public static OutboxMessage Account(AccountMail mail, DateTimeOffset now) => Create(AccountMailType, mail.MemberId, mail, now);

    public static T Read<T>(OutboxMessage message) =>
        JsonSerializer.Deserialize<T>(message.Payload, Json) ?? throw new InvalidOperationException($"Message {message.Id} has no payload.");

    public static T Read<T>(string payload) =>
        JsonSerializer.Deserialize<T>(payload, Json) ?? throw new InvalidOperationException("The message has no payload.");

    /// <summary>Version 7 ids sort by time, so rows of the same instant still keep the order they were made in.</summary>
    private static OutboxMessage Create<T>(string type, string aggregateId, T payload, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), type, aggregateId, JsonSerializer.Serialize(payload, Json), now);
}

namespace AtTicket.Web.Api.Bookings;

public sealed record BookingRequest(Guid? HoldId, BookingPaymentRequest? Payment);

/// <summary>The card as the member typed it; expiry is "MM/YY".</summary>
public sealed record BookingPaymentRequest(string? CardNumber, string? Expiry, string? Cvc, string? HolderName);

public sealed record BookingSeatResponse(int Id, string Section, string Row, int Number, string GradeName, long Price);

public sealed record BookingTicketResponse(string Code, int SeatId, string QrUrl);

/// <summary>The charge given back: <see cref="RefundedAt"/> is null while the refund is still on its way.</summary>
public sealed record BookingRefundResponse(long Amount, DateTimeOffset? RefundedAt);

/// <summary>
/// A booking of docs/api.md. <see cref="Tickets"/> are listed only while the booking is confirmed (a
/// cancelled or refunded booking's tickets no longer admit anyone); <see cref="Refund"/> is set for a
/// cancelled or refunded booking and null otherwise.
/// </summary>
public sealed record BookingResponse(
    Guid Id,
    string Number,
    BookingStatus Status,
    int PerformanceId,
    string ProductTitle,
    DateTimeOffset StartsAt,
    IReadOnlyList<BookingSeatResponse> Seats,
    long Total,
    DateTimeOffset CreatedAt,
    IReadOnlyList<BookingTicketResponse> Tickets,
    BookingRefundResponse? Refund);

/// <param name="IncludeAccessible">With a grade and quantity: whether wheelchair spaces and companion seats may be chosen (left out by default).</param>
public sealed record HoldRequest(IReadOnlyList<int>? SeatIds, int? GradeId, int? Quantity, bool IncludeAccessible = false);

public sealed record HoldSeatResponse(int Id, string Section, string Row, int Number, int GradeId, long Price);

public sealed record HoldResponse(Guid Id, int PerformanceId, IReadOnlyList<HoldSeatResponse> Seats, long Total, DateTimeOffset ExpiresAt);

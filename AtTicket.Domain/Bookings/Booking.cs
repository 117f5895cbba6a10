using System.Linq.Expressions;

namespace AtTicket.Domain.Bookings;

/// <summary>A member's purchase of seats for one performance, with one ticket per seat.</summary>
public class Booking
{
    private readonly List<Ticket> _tickets = [];

    private Booking()
    {
        Number = string.Empty;
        MemberId = string.Empty;
        IdempotencyKey = string.Empty;
    }

    public Booking(
        Guid id,
        string number,
        string memberId,
        int performanceId,
        Guid holdId,
        string idempotencyKey,
        IReadOnlyCollection<BookedSeat> seats,
        DateTimeOffset createdAt)
        : this()
    {
        Guard.That(seats is { Count: > 0 }, new Refusal(RefusalCode.BookingNeedsSeat, "A booking needs at least one seat."));
        Guard.That(seats.Select(s => s.SeatId).Distinct().Count() == seats.Count, new Refusal(RefusalCode.BookingSeatTwice, "A booking cannot contain the same seat twice."));
        Guard.That(seats.All(s => s.Price > 0), new Refusal(RefusalCode.BookedSeatNeedsPrice, "Every booked seat needs a price."));
        Guard.That(seats.All(s => !string.IsNullOrWhiteSpace(s.GradeName)), new Refusal(RefusalCode.BookedSeatNeedsGradeName, "Every booked seat needs its grade name."));
        Guard.That(!string.IsNullOrWhiteSpace(memberId), new Refusal(RefusalCode.BookingNeedsMember, "A booking needs a member."));
        Id = id;
        Number = Guard.Text(number, RuleSubject.BookingNumber, 20);
        MemberId = memberId;
        PerformanceId = performanceId;
        HoldId = holdId;
        IdempotencyKey = Guard.Text(idempotencyKey, RuleSubject.IdempotencyKey, 100);
        CreatedAt = createdAt;
        _tickets.AddRange(seats.Select(s => new Ticket(s.SeatId, s.GradeName, s.Price)));
        TotalAmount = _tickets.Sum(t => t.Price);
    }

    public Guid Id { get; private set; }
    public string Number { get; private set; }
    public string MemberId { get; private set; }
    public int PerformanceId { get; private set; }
    public Guid HoldId { get; private set; }
    public BookingStatus Status { get; private set; } = BookingStatus.PendingPayment;
    public long TotalAmount { get; private set; }
    public string? PaymentReference { get; private set; }
    public string IdempotencyKey { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }

    /// <summary>When the gateway gave the money back; null while a refund is owed or none is due.</summary>
    public DateTimeOffset? RefundedAt { get; private set; }
    public IReadOnlyList<Ticket> Tickets => _tickets;

    public void Confirm(string paymentReference, DateTimeOffset now)
    {
        Guard.That(Status == BookingStatus.PendingPayment, new Refusal(RefusalCode.BookingNotConfirmable, $"A {Status} booking cannot be confirmed.", Status));
        PaymentReference = Guard.Text(paymentReference, RuleSubject.PaymentReference, 64);
        Status = BookingStatus.Confirmed;
        ConfirmedAt = now;
    }

    /// <summary>Payment was taken but the seats could not be sold: the charge is given back.</summary>
    public void MarkRefunded(string? paymentReference, DateTimeOffset now)
    {
        Guard.That(Status == BookingStatus.PendingPayment, new Refusal(RefusalCode.BookingNotRefundable, $"A {Status} booking cannot be marked refunded.", Status));
        PaymentReference = paymentReference;
        Status = BookingStatus.Refunded;
        CancelledAt = now;
    }

    /// <summary>
    /// A checkout given up on as unpaid (cancelled, never confirmed) was charged after all: the charge
    /// could not buy seats, so the booking is refunded, and owes the refund until it is given back.
    /// </summary>
    public void RecordLatePayment(string paymentReference)
    {
        Guard.That(Status == BookingStatus.Cancelled && ConfirmedAt is null && PaymentReference is null, new Refusal(RefusalCode.BookingNoLatePayment, $"A {Status} booking cannot take a late payment.", Status));
        PaymentReference = Guard.Text(paymentReference, RuleSubject.PaymentReference, 64);
        Status = BookingStatus.Refunded;
    }

    /// <summary>The member or an admin cancels before the performance starts.</summary>
    public void Cancel(DateTimeOffset now, DateTimeOffset performanceStartsAt)
    {
        Guard.That(Status is BookingStatus.Confirmed or BookingStatus.PendingPayment, new Refusal(RefusalCode.BookingStatusNotCancellable, $"A {Status} booking cannot be cancelled.", Status));
        Guard.That(now < performanceStartsAt, CannotCancelStarted);
        Status = BookingStatus.Cancelled;
        CancelledAt = now;
    }

    /// <summary>The gateway gave the charge back.</summary>
    public void MarkRefundIssued(DateTimeOffset now)
    {
        Guard.That(Status is BookingStatus.Cancelled or BookingStatus.Refunded, new Refusal(RefusalCode.BookingNotRefunded, $"A {Status} booking is not refunded.", Status));
        RefundedAt ??= now;
    }

    public static readonly Refusal CannotCancelStarted = new(RefusalCode.BookingAlreadyStarted, "A booking cannot be cancelled once the performance has started.");

    /// <summary>A charge was taken and has not been given back yet: a cancelled or refunded booking with a payment and no refund.</summary>
    public static readonly Expression<Func<Booking, bool>> OwingRefund =
        b => (b.Status == BookingStatus.Cancelled || b.Status == BookingStatus.Refunded) && b.PaymentReference != null && b.RefundedAt == null;

    private static readonly Func<Booking, bool> IsOwingRefund = OwingRefund.Compile();

    /// <summary>See <see cref="OwingRefund"/>; the stores query the same expression.</summary>
    public bool OwesRefund => IsOwingRefund(this);

    /// <summary>Was this booking ever confirmed (so the member holds, or held, tickets)? Declined checkouts never were.</summary>
    public bool WasConfirmed => ConfirmedAt is not null;
}

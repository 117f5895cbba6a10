namespace AtTicket.Domain.Common;

/// <summary>
/// The kinds of refusal whose sentence carries values (numbers, names) or that a caller tells apart. Stable:
/// resources are keyed by them (see <see cref="Refusal.Key"/>), so renaming one drops its translations.
/// </summary>
public enum RefusalCode
{
    TextRequired,
    TextTooLong,
    TextNotPlain,
    DateOutsideWindow,
    PosterAddressTooLong,
    TooManySeatsAtOnce,
    TooManySeatsForPerformance,
    OneHoldAtATime,
    TooManyHolds,
    IdempotencyKeyUsedForOtherHold,
    CardNumberLength,
    SeatOutsideHall,
    SeatAlreadyInHall,
    SeatLabelTwiceInLayout,
    SeatIdTwiceInLayout,
    HallNameTaken,
    HallTooManySeats,
    GradePriceTooHigh,
    GradeNameTaken,
    SeatNotInPerformanceHall,
    SeatInTwoGrades,
    OneSeatWithoutGrade,
    SeatsWithoutGrade,
    SeatsWithoutGradeBeforeSale,
    GradeNotOfPerformance,
    PosterTooLarge,
    PosterTooManyPixels,
    PerformanceNotOnSale,
    NoSuchSeatGrade,
    NoSuchSeats,
    CompanionWithoutWheelchair,
    NotAdmitted,
    HoldNotFound,
    HoldExpired,
    HoldExpiredAfterPayment,
    PaymentDeclinedBefore,
    PaymentNotCompleted,
    BookingNotFound,
    BookingNotCancellable,
    BookingAlreadyStarted,
}

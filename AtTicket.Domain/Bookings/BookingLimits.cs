namespace AtTicket.Domain.Bookings;

/// <summary>Per-member limits and the hold time; configured per deployment under "Booking".</summary>
public sealed class BookingLimits
{
    public const string SectionName = "Booking";

    public int HoldMinutes { get; set; } = 5;
    public int MaxSeatsPerBooking { get; set; } = 4;
    public int MaxSeatsPerMemberPerPerformance { get; set; } = 8;
    public int MaxActiveHoldsPerMember { get; set; } = 1;

    public TimeSpan HoldDuration => TimeSpan.FromMinutes(HoldMinutes);

    public void EnsureAllowed(int seatsRequested, int seatsAlreadyOwnedForPerformance, int activeHolds)
    {
        Guard.That(seatsRequested > 0, new Refusal(RefusalCode.NoSeatChosen, "Choose at least one seat."));
        Guard.That(
            seatsRequested <= MaxSeatsPerBooking,
            new Refusal(RefusalCode.TooManySeatsAtOnce, $"You can book at most {MaxSeatsPerBooking} seats at a time.", MaxSeatsPerBooking));
        Guard.That(
            seatsAlreadyOwnedForPerformance + seatsRequested <= MaxSeatsPerMemberPerPerformance,
            new Refusal(RefusalCode.TooManySeatsForPerformance, $"You can have at most {MaxSeatsPerMemberPerPerformance} seats for one performance.", MaxSeatsPerMemberPerPerformance));
        Guard.That(
            activeHolds < MaxActiveHoldsPerMember,
            MaxActiveHoldsPerMember == 1
                ? new Refusal(RefusalCode.OneHoldAtATime, "You can hold seats for one booking at a time; finish or release the current one first.")
                : new Refusal(
                    RefusalCode.TooManyHolds,
                    $"You can hold seats for at most {MaxActiveHoldsPerMember} bookings at once; finish or release the current ones first.",
                    MaxActiveHoldsPerMember));
    }
}

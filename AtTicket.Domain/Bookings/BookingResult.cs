namespace AtTicket.Domain.Bookings;

/// <summary>
/// What a checkout or a cancellation came to: its outcome, the booking (if it got that far) and what to tell the
/// member, as a coded sentence whether it went through or was refused (<see cref="Said"/>, ADR 0005).
/// </summary>
public abstract record BookingResult<TOutcome>(TOutcome Outcome, Booking? Booking, Refusal Said)
    where TOutcome : struct, Enum
{
    /// <summary>The English sentence, for logs and the API's problem documents.</summary>
    public string Message => Said.Message;
}

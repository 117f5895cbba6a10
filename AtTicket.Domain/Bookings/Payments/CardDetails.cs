namespace AtTicket.Domain.Bookings.Payments;

/// <summary>
/// A card as the member typed it: number (spaces and dashes allowed), expiry "MM/YY", CVC and the
/// holder's name. <see cref="CardValidation"/> checks it; <see cref="ToString"/> shows only the last
/// four digits (no expiry, CVC or holder), so a card cannot end up in a log.
/// </summary>
public sealed record CardDetails(string Number, string Expiry, string Cvc, string HolderName)
{
    /// <summary>The number's digits without spaces or dashes.</summary>
    public string Digits => CardValidation.DigitsOf(Number);

    /// <summary>The last four digits, for receipts and lists.</summary>
    public string LastFour => Digits.Length >= 4 ? Digits[^4..] : Digits;

    public override string ToString() => $"CardDetails {{ Number = **** {LastFour} }}";
}

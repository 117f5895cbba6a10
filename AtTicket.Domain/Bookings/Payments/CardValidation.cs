using System.Globalization;

namespace AtTicket.Domain.Bookings.Payments;

/// <summary>
/// The checks made on a card before the gateway is called: a Luhn-valid number of 12 to 19 digits,
/// an expiry "MM/YY" that has not passed (a card is good until the end of its expiry month, UTC),
/// a CVC of 3 or 4 digits and the holder's name. Each failure is a <see cref="DomainException"/>
/// with a sentence the member can act on.
/// </summary>
public static class CardValidation
{
    public const int MinNumberDigits = 12;
    public const int MaxNumberDigits = 19;
    public const int MaxHolderNameLength = 100;

    public static void Ensure(CardDetails card, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(time);
        EnsureNumber(card.Number);
        EnsureExpiry(card.Expiry, time.GetUtcNow());
        EnsureCvc(card.Cvc);
        Guard.Text(card.HolderName, RuleSubject.CardholderName, MaxHolderNameLength);
    }

    public static void EnsureNumber(string? number)
    {
        Guard.That(!string.IsNullOrWhiteSpace(number), new Refusal(RefusalCode.CardNumberMissing, "Enter the card number."));
        Guard.That(number!.All(c => char.IsAsciiDigit(c) || c is ' ' or '-'), new Refusal(RefusalCode.CardNumberCharacters, "The card number may contain only digits, spaces and dashes."));
        var digits = DigitsOf(number);
        Guard.That(
            digits.Length is >= MinNumberDigits and <= MaxNumberDigits,
            new Refusal(RefusalCode.CardNumberLength, $"The card number must have {MinNumberDigits} to {MaxNumberDigits} digits.", MinNumberDigits, MaxNumberDigits));
        Guard.That(PassesLuhn(digits), new Refusal(RefusalCode.CardNumberInvalid, "The card number is not valid; check it for a typing mistake."));
    }

    public static void EnsureExpiry(string? expiry, DateTimeOffset now)
    {
        Guard.That(!string.IsNullOrWhiteSpace(expiry), new Refusal(RefusalCode.CardExpiryMissing, "Enter the card's expiry date."));
        var parts = expiry!.Trim().Split('/');
        Guard.That(
            parts is [var mm, var yy] && mm.Trim().Length == 2 && yy.Trim().Length == 2 && mm.Trim().All(char.IsAsciiDigit) && yy.Trim().All(char.IsAsciiDigit),
            new Refusal(RefusalCode.CardExpiryFormat, "Enter the expiry date as MM/YY, for example 08/29."));
        var month = int.Parse(parts[0].Trim(), CultureInfo.InvariantCulture);
        var year = 2000 + int.Parse(parts[1].Trim(), CultureInfo.InvariantCulture);
        Guard.That(month is >= 1 and <= 12, new Refusal(RefusalCode.CardExpiryMonth, "The expiry month must be between 01 and 12."));

        // Good through the last moment of the expiry month.
        var firstInvalid = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        Guard.That(now.ToUniversalTime() < firstInvalid, new Refusal(RefusalCode.CardExpired, "The card has expired."));
    }

    public static void EnsureCvc(string? cvc)
    {
        Guard.That(!string.IsNullOrWhiteSpace(cvc), new Refusal(RefusalCode.CardCvcMissing, "Enter the card's security code (CVC)."));
        var trimmed = cvc!.Trim();
        Guard.That(trimmed.Length is 3 or 4 && trimmed.All(char.IsAsciiDigit), new Refusal(RefusalCode.CardCvcFormat, "The security code (CVC) must be 3 or 4 digits."));
    }

    /// <summary>The Luhn (mod 10) check digit test on a string of digits.</summary>
    public static bool PassesLuhn(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>The number without the spaces and dashes people type.</summary>
    public static string DigitsOf(string? number) =>
        number is null ? string.Empty : new string(number.Where(c => c is not (' ' or '-')).ToArray());
}

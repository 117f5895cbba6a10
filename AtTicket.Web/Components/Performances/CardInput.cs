namespace AtTicket.Web.Components.Performances;

/// <summary>How the checkout shows what the member typed: the card number in groups, the expiry as MM/YY.</summary>
public static class CardInput
{
    /// <summary>
    /// Digits in groups of four (American Express, 15 digits from 34 or 37: 4-6-5). Anything that is not
    /// digits, spaces and dashes is left as typed for the validation to name.
    /// </summary>
    public static string GroupNumber(string? number)
    {
        if (string.IsNullOrWhiteSpace(number) || !number.All(c => char.IsAsciiDigit(c) || c is ' ' or '-'))
        {
            return number ?? string.Empty;
        }

        var digits = new string([.. number.Where(char.IsAsciiDigit)]);
        int[] groups = digits.Length == 15 && digits[0] == '3' && digits[1] is '4' or '7' ? [4, 6, 5] : [];
        var parts = new List<string>();
        var start = 0;
        foreach (var size in groups)
        {
            parts.Add(digits.Substring(start, size));
            start += size;
        }

        for (; start < digits.Length; start += 4)
        {
            parts.Add(digits.Substring(start, Math.Min(4, digits.Length - start)));
        }

        return string.Join(' ', parts);
    }

    /// <summary>"0829", "8/29" or "08 / 29" become "08/29"; anything else is left as typed.</summary>
    public static string NormalizeExpiry(string? expiry)
    {
        var text = (expiry ?? string.Empty).Trim();
        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        if (!text.All(c => char.IsAsciiDigit(c) || c is '/' or ' '))
        {
            return text;
        }

        return text.Contains('/')
            ? text.Split('/') is [var mm, var yy] && mm.Trim().Length is 1 or 2 && yy.Trim().Length == 2
                ? $"{mm.Trim().PadLeft(2, '0')}/{yy.Trim()}"
                : text
            : digits.Length == 4 ? $"{digits[..2]}/{digits[2..]}" : text;
    }
}

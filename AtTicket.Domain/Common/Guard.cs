namespace AtTicket.Domain.Common;

public static class Guard
{
    /// <summary>A required single-line text: trimmed, not blank, not too long, and plain (see <see cref="IsPlain"/>).</summary>
    public static string Text(string? value, string what, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainException($"{what} is required.");
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new DomainException($"{what} must be at most {maxLength} characters.");
        }

        That(IsPlain(trimmed, allowLineBreaks: false), $"{what} must not contain control or text-direction override characters.");
        return trimmed;
    }

    /// <summary>
    /// No control characters (line breaks only where allowed) and no bidirectional embedding, override or
    /// isolate characters, which can make a title read differently on screen than it is stored.
    /// </summary>
    public static bool IsPlain(string value, bool allowLineBreaks)
    {
        foreach (var c in value)
        {
            var lineBreak = c is '\n' or '\r' or '\t';
            if ((char.IsControl(c) && !(allowLineBreaks && lineBreak)) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                return false;
            }
        }

        return true;
    }

    public static void That(bool condition, string sentence)
    {
        if (!condition)
        {
            throw new DomainException(sentence);
        }
    }
}

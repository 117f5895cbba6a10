using System.Globalization;
using System.Runtime.CompilerServices;

namespace AtTicket.Domain.Common;

public static class Guard
{
    /// <summary>A required single-line text: trimmed, not blank, not too long, and plain (see <see cref="IsPlain"/>).</summary>
    public static string Text(string? value, RuleSubject what, int maxLength, [CallerArgumentExpression(nameof(value))] string field = "")
    {
        // A zero-width space alone looks blank on every page, so it counts as blank.
        if (value is null || value.All(c => char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            throw new DomainException(new Refusal(what, RefusalCode.TextRequired, $"{what.English()} is required."), FieldName(field));
        }

        return OptionalText(value, what, maxLength, field);
    }

    /// <summary>A single-line text that may be empty: trimmed, not too long, and plain.</summary>
    public static string OptionalText(string? value, RuleSubject what, int maxLength, [CallerArgumentExpression(nameof(value))] string field = "")
    {
        var trimmed = (value ?? string.Empty).Trim();
        if (trimmed.Length > maxLength)
        {
            throw new DomainException(TooLong(what, maxLength), FieldName(field));
        }

        That(IsPlain(trimmed, allowLineBreaks: false), NotPlain(what), FieldName(field));
        return trimmed;
    }

    /// <summary>
    /// No control characters (line breaks only where allowed) and no bidirectional embedding, override or
    /// isolate characters, which can make a title read differently on screen than it is stored; no half of a
    /// surrogate pair, which no font can draw and which breaks UTF-8 output.
    /// </summary>
    public static bool IsPlain(string value, bool allowLineBreaks)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var lineBreak = c is '\n' or '\r' or '\t';
            if ((char.IsControl(c) && !(allowLineBreaks && lineBreak)) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                return false;
            }

            if (char.IsSurrogate(c))
            {
                if (!char.IsSurrogatePair(value, i))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    public static Refusal TooLong(RuleSubject what, int maxLength) =>
        new(what, RefusalCode.TextTooLong, $"{what.English()} must be at most {maxLength} characters.", maxLength);

    public static Refusal NotPlain(RuleSubject what) =>
        new(what, RefusalCode.TextNotPlain, $"{what.English()} must not contain control or text-direction override characters.");

    /// <summary>Throws <paramref name="refusal"/> unless <paramref name="condition"/> holds; <paramref name="fields"/> name the inputs it is about.</summary>
    public static void That(bool condition, Refusal refusal, params IEnumerable<string?> fields)
    {
        if (!condition)
        {
            throw new DomainException(refusal, fields);
        }
    }

    /// <summary>The input an argument expression reads, as its caller names it: "card.HolderName" gives "holderName".</summary>
    public static string? FieldName(string expression)
    {
        var name = expression[(expression.LastIndexOf('.') + 1)..].Trim();
        return name.Length > 0 && name.All(char.IsLetterOrDigit) ? char.ToLowerInvariant(name[0]) + name[1..] : null;
    }
}

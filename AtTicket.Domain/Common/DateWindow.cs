using System.Runtime.CompilerServices;

namespace AtTicket.Domain.Common;

/// <summary>
/// The dates the platform deals in: performances and sale periods fall between 2000 and 2100. A date
/// outside would overflow date arithmetic (the end of a performance, a sale closing) on every page showing it.
/// </summary>
public static class DateWindow
{
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool Contains(DateTimeOffset value) => value >= Earliest && value < Latest;

    /// <summary>The sentence refusing <paramref name="value"/>, or null when it falls inside the window; forms show it before saving.</summary>
    public static string? Problem(DateTimeOffset value, string what) =>
        Contains(value) ? null : $"{what} must fall between the years {Earliest.Year} and {Latest.Year - 1}.";

    public static DateTimeOffset Check(DateTimeOffset value, string what, [CallerArgumentExpression(nameof(value))] string field = "")
    {
        if (Problem(value, what) is { } sentence)
        {
            throw new DomainException(sentence, Guard.FieldName(field));
        }

        return value;
    }
}

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

    /// <summary>The refusal of <paramref name="value"/>, or null when it falls inside the window; forms show it before saving.</summary>
    public static Refusal? Problem(DateTimeOffset value, RuleSubject what) =>
        Contains(value)
            ? null
            : new Refusal(what, RefusalCode.DateOutsideWindow, $"{what.English()} must fall between the years {Earliest.Year} and {Latest.Year - 1}.", Earliest.Year, Latest.Year - 1);

    public static DateTimeOffset Check(DateTimeOffset value, RuleSubject what, [CallerArgumentExpression(nameof(value))] string field = "")
    {
        if (Problem(value, what) is { } refusal)
        {
            throw new DomainException(refusal, Guard.FieldName(field));
        }

        return value;
    }
}

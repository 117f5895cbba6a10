namespace AtTicket.Domain.Common;

/// <summary>
/// What a rule refused, as data: a <see cref="Code"/> that stays the same when the sentence is reworded, the
/// values the sentence names (<see cref="Arguments"/>), and for rules that several inputs share (a text too long,
/// a date out of range) the <see cref="Subject"/>. <see cref="Message"/> is the English sentence for logs and the
/// API. The API maps a code to a status; pages look the text up by <see cref="Key"/> (ADR 0005). A booking result
/// answers with one also when it went through (<see cref="Bookings.BookingResult{TOutcome}.Said"/>), so that its
/// sentence is looked up the same way.
/// </summary>
public sealed class Refusal
{
    public Refusal(RefusalCode code, string message, params object[] arguments)
    {
        Code = code;
        Message = message;
        Arguments = arguments;
    }

    public Refusal(RuleSubject subject, RefusalCode code, string message, params object[] arguments)
        : this(code, message, arguments) => Subject = subject;

    public RefusalCode Code { get; }

    public RuleSubject? Subject { get; }

    public string Message { get; }

    public IReadOnlyList<object> Arguments { get; }

    /// <summary>The resource key of its text: the code, and the subject too, since the sentence's grammar changes with it in Korean.</summary>
    public string Key => Subject is { } subject ? KeyOf(Code, subject) : KeyOf(Code);

    public static string KeyOf(RefusalCode code) => $"Refusal.{code}";

    public static string KeyOf(RefusalCode code, RuleSubject subject) => $"Refusal.{code}.{subject}";

    public override string ToString() => Message;
}

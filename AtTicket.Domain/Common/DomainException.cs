namespace AtTicket.Domain.Common;

/// <summary>
/// A business rule was broken. The message is a sentence a person can read; <see cref="Fields"/>, when the rule
/// is about given inputs, name them as the caller passed them (camelCase, as the API's contracts name their fields).
/// <see cref="Refusal"/>, when set, is the same refusal as a code and values, for callers that tell refusals apart
/// or show them in another language.
/// </summary>
public class DomainException(string message, params IEnumerable<string?> fields) : Exception(message)
{
    public DomainException(Refusal refusal, params IEnumerable<string?> fields)
        : this(refusal.Message, fields) => Refusal = refusal;

    public IReadOnlyList<string> Fields { get; } = [.. fields.OfType<string>()];

    public Refusal? Refusal { get; }
}

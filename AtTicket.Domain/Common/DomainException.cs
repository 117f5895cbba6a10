namespace AtTicket.Domain.Common;

/// <summary>
/// A business rule was broken. The message is a sentence a person can read; <see cref="Fields"/>, when the rule
/// is about given inputs, name them as the caller passed them (camelCase, as the API's contracts name their fields).
/// </summary>
public class DomainException(string message, params IEnumerable<string?> fields) : Exception(message)
{
    public IReadOnlyList<string> Fields { get; } = [.. fields.OfType<string>()];
}

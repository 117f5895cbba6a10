namespace AtTicket.Domain.Common;

public static class Guard
{
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

        return trimmed;
    }

    public static void That(bool condition, string sentence)
    {
        if (!condition)
        {
            throw new DomainException(sentence);
        }
    }
}

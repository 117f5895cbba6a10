namespace AtTicket.Infrastructure.Mail;

/// <summary>An address as a notice names it to a mailbox that may no longer be the member's: enough to recognise, not to write to.</summary>
public static class MaskedAddress
{
    /// <returns>The first character of the local part, three stars and the domain: <c>m***@example.com</c>.</returns>
    public static string Of(string email)
    {
        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }
}

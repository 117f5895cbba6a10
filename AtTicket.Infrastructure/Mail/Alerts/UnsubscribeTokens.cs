using Microsoft.AspNetCore.DataProtection;

namespace AtTicket.Infrastructure.Mail.Alerts;

/// <summary>Who asked to stop which alerts: one category, or all of them when <see cref="Category"/> is null.</summary>
public sealed record UnsubscribeRequest(string MemberId, ProductCategory? Category);

/// <summary>
/// The signed token in an alert's unsubscribe link: it names the member and the category, so the link
/// works without logging in, and nobody can make one for another member. Data Protection signs and
/// encrypts it with the key ring every node shares (Redis, when configured).
/// The token does not expire: an old alert's link must still work (mail providers and the law expect
/// it to), and what a leaked token allows is only to stop some mails, which the member can undo.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection)
{
    private const string AllCategories = "*";

    private readonly IDataProtector _protector = protection.CreateProtector("AtTicket.Mail.Alerts.Unsubscribe.v1");

    public string Create(UnsubscribeRequest request) =>
        _protector.Protect((request.Category?.ToString() ?? AllCategories) + "|" + request.MemberId);

    /// <summary>The request the token names; null for a token this site did not make, or a damaged one.</summary>
    public UnsubscribeRequest? Read(string? token)
    {
        if (_protector.TryUnprotect(token) is not { } payload)
        {
            return null;
        }

        var parts = payload.Split('|', 2);
        if (parts.Length != 2 || string.IsNullOrEmpty(parts[1]))
        {
            return null;
        }

        if (parts[0] == AllCategories)
        {
            return new UnsubscribeRequest(parts[1], null);
        }

        return Enum.TryParse<ProductCategory>(parts[0], out var category) && Enum.IsDefined(category)
            ? new UnsubscribeRequest(parts[1], category)
            : null;
    }
}

namespace AtTicket.Infrastructure.Mail.Alerts;

/// <summary>The site's addresses an alert links to; the pages that answer them live in AtTicket.Web.</summary>
public static class AlertLinks
{
    /// <summary>Shows what the token names and asks before changing anything (mail scanners follow links).</summary>
    public const string UnsubscribePage = "/unsubscribe";

    /// <summary>RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" here, without a page in between.</summary>
    public const string OneClickUnsubscribe = "/unsubscribe/one-click";

    public const string Preferences = "/account/notifications";

    public static string Product(int productId) => "/products/" + productId.ToString(CultureInfo.InvariantCulture);

    public static string WithToken(string path, string token) => path + "?token=" + Uri.EscapeDataString(token);
}

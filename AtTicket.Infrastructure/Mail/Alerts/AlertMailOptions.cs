namespace AtTicket.Infrastructure.Mail.Alerts;

/// <summary>What alert mails need from the "Mail" section: where their links point. The sender (Mail:From) is the worker's to fill in.</summary>
public sealed class AlertMailOptions
{
    public const string Section = "Mail";

    /// <summary>The address members reach the site at; links in mails are absolute (a mail has no page to be relative to).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Subscribers read per query: thousands of them never sit in memory at once.</summary>
    public int AlertPageSize { get; set; } = 500;

    public bool IsValid() =>
        Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && AlertPageSize > 0;

    public Uri Link(string pathAndQuery) => new(new Uri(PublicBaseUrl.TrimEnd('/') + "/"), pathAndQuery.TrimStart('/'));
}

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// Two instances of the app, node A and node B, on one SQLite file: each has its own memory and caches, and they
/// share what two servers behind a load balancer share, the database and the data-protection keys (here the user
/// profile's key folder), so a cookie or token made by one is read by the other. Sessions are checked against the
/// database on every request (Sessions:StampCheckSeconds = 0), so a test needs no waiting.
/// </summary>
public sealed class TwoAppNodes : TwoNodesOnOneFile
{
    public const int AccessTokenMinutes = 5;

    protected override Task<Dictionary<string, string>> SettingsAsync() => Task.FromResult(new Dictionary<string, string>
    {
        ["Sessions:StampCheckSeconds"] = "0",
        ["Sessions:AccessTokenMinutes"] = AccessTokenMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// Two instances of the app, node A and node B, on one SQLite file: each has its own memory and caches, and they
/// share what two servers behind a load balancer share, the database and the data-protection keys (here the user
/// profile's key folder), so a cookie or token made by one is read by the other. Sessions are checked against the
/// database on every request (Sessions:StampCheckSeconds = 0), so a test needs no waiting.
/// </summary>
public sealed class TwoAppNodes : IAsyncLifetime
{
    public const int AccessTokenMinutes = 5;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Sessions:StampCheckSeconds"] = "0",
        ["Sessions:AccessTokenMinutes"] = AccessTokenMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private readonly TemporaryDatabase _database = new();

    public TwoAppNodes()
    {
        A = new TestApp(Settings, _database);
        B = new TestApp(Settings, _database);
    }

    public TestApp A { get; }

    public TestApp B { get; }

    public async ValueTask InitializeAsync()
    {
        // One after the other: the first migrates and seeds the shared file.
        await A.InitializeAsync();
        await B.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        _database.Dispose();
    }
}

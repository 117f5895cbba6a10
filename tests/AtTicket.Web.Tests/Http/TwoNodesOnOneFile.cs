using AtTicket.Infrastructure.Tests;

namespace AtTicket.Web.Tests.Http;

/// <summary>Two app nodes on one SQLite file, as two servers behind nginx; a fixture deriving from it names their settings.</summary>
public abstract class TwoNodesOnOneFile : IAsyncLifetime
{
    private readonly TemporaryDatabase _database = new();

    public TestApp A { get; private set; } = default!;

    public TestApp B { get; private set; } = default!;

    /// <summary>The settings both nodes start with.</summary>
    protected abstract Task<Dictionary<string, string>> SettingsAsync();

    /// <summary>The settings with the real Redis the nodes share (limits, stamps, the live bus).</summary>
    protected static async Task<Dictionary<string, string>> OnRedisAsync(Dictionary<string, string> settings)
    {
        settings["ConnectionStrings:Redis"] = await TestServices.RedisAsync();
        return settings;
    }

    public async ValueTask InitializeAsync()
    {
        var settings = await SettingsAsync();
        A = new TestApp(settings, _database);
        B = new TestApp(settings, _database);
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

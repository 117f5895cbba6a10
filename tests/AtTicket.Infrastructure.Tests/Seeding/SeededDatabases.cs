using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Infrastructure.Tests.Seeding;

/// <summary>Class fixture: per provider, a database brought up by <see cref="DatabaseInitializer"/> as the app starts it with demo data.</summary>
public sealed class SeededDatabases : PerProviderDatabases
{
    public const string AdminEmail = "ops@atticket.test";
    public const string AdminPassword = "Operator!2030";

    internal static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Seed:DemoData"] = "true",
        ["Seed:AdminEmail"] = AdminEmail,
        ["Seed:AdminPassword"] = AdminPassword,
    };

    private protected override async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateEmptyAsync(provider, Settings);
        try
        {
            await InitializeAsync(database);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>What the app does at start: one scope, one initializer.</summary>
    internal static Task InitializeAsync(TestDatabase database) => InitializeAsync(database.Services);

    internal static async Task InitializeAsync(IServiceProvider node)
    {
        await using var scope = node.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(TestContext.Current.CancellationToken);
    }
}

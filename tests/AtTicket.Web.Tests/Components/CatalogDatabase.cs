using AtTicket.Infrastructure;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Seeding;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Components;

/// <summary>
/// A temp SQLite file brought up by the app's own <c>AddInfrastructure</c> and <see cref="DatabaseInitializer"/>.
/// Demo seeding takes seconds, so a test class shares one seeded file and only reads from it.
/// </summary>
public abstract class CatalogDatabase(bool demoData) : IAsyncLifetime
{
    private readonly TemporaryDatabase _database = new();

    /// <summary>Seeds the file once, through the same registrations the tests use.</summary>
    public async ValueTask InitializeAsync()
    {
        await using var context = new BunitContext();
        await RegisterAndInitializeAsync(context);
        _database.AssertWasCreated();
    }

    /// <summary>
    /// Registers the real infrastructure (and the Identity stores the initializer needs) into a bunit
    /// context and runs the initializer; on an already seeded file it only checks the schema and data.
    /// </summary>
    public async Task RegisterAndInitializeAsync(BunitContext context)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Database"] = _database.ConnectionString,
                ["Seed:DemoData"] = demoData ? "true" : "false",
            })
            .Build();

        context.Services.AddLogging();
        context.Services.AddInfrastructure(configuration);
        context.Services.AddIdentityCore<Member>(IdentityRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AtTicketDbContext>();

        await using var scope = context.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(Xunit.TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class DemoCatalogDatabase() : CatalogDatabase(demoData: true);

public sealed class EmptyCatalogDatabase() : CatalogDatabase(demoData: false);

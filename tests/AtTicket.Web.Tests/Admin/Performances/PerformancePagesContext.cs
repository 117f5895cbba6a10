using AtTicket.Infrastructure;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Seeding;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AtTicket.Web.Tests.Admin.Performances;

/// <summary>
/// bunit with the real services over a real SQLite file, migrated like the app does at start-up,
/// and an admin signed in. One database per test class instance, deleted afterwards.
/// </summary>
public abstract class PerformancePagesContext : BunitContext, IAsyncLifetime
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"atticket-performances-{Guid.NewGuid():N}.db");

    protected PerformancePagesContext()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Database"] = $"Data Source={_databasePath}",
            })
            .Build();

        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLogging();
        Services.AddLocalization();
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddInfrastructure(configuration);
        Services.AddIdentityCore<Member>(IdentityRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AtTicketDbContext>()
            .AddUserManager<MemberManager>();
        AddAuthorization().SetAuthorized("admin@atticket.local").SetRoles(Roles.Admin);
    }

    protected TestData Data => new(Services);

    /// <summary>Renders a page as if the browser had navigated to <paramref name="uri"/>, query string included.</summary>
    protected IRenderedComponent<TPage> RenderAt<TPage>(string uri)
        where TPage : IComponent
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        return Render<TPage>();
    }

    public async ValueTask InitializeAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(Xunit.TestContext.Current.CancellationToken);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }
}

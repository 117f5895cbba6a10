using AtTicket.Infrastructure;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Seeding;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace AtTicket.Web.Tests.Admin.Venues;

/// <summary>
/// A bunit context signed in as an admin, with the real infrastructure on a SQLite file of its own,
/// migrated before the first test step. The file goes away with the context.
/// </summary>
public abstract class VenueAdminTestContext : BunitContext, IAsyncLifetime
{
    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"atticket-venues-{Guid.NewGuid():N}.db");

    protected VenueAdminTestContext()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Database"] = $"Data Source={_databaseFile}",
            })
            .Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging();
        Services.AddLocalization();
        Services.AddInfrastructure(configuration);
        Services.AddIdentityCore<Member>(IdentityRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AtTicketDbContext>()
            .AddUserManager<MemberManager>();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        AddAuthorization().SetAuthorized("admin@atticket.local").SetRoles(Roles.Admin);
    }

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    protected T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask InitializeAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(Ct);

        // MudSelect and the dialogs need their providers, as the main layout has them.
        Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
    }

    /// <summary>Where dialogs (venue form, confirmations) appear.</summary>
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    /// <summary>A MudBlazor text or numeric field's input, found by the data-testid given to the field.</summary>
    protected static AngleSharp.Dom.IElement Field<TComponent>(IRenderedComponent<TComponent> cut, string testId)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        cut.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databaseFile, _databaseFile + "-wal", _databaseFile + "-shm" })
        {
            File.Delete(file);
        }
    }
}

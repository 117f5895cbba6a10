using AtTicket.Infrastructure;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Seeding;
using AtTicket.Web.Tests.Components;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Admin;

/// <summary>
/// bunit for the admin pages: MudBlazor, localization, an admin signed in, and the real services over
/// a SQLite file of this context's own, migrated as at start-up and deleted afterwards.
/// </summary>
public abstract class AdminPagesContext : BunitContext, IAsyncLifetime
{
    private readonly TemporaryDatabase _database = new();

    protected AdminPagesContext()
    {
        this.AddAppServices();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Database"] = _database.ConnectionString,
            })
            .Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging();
        Services.AddInfrastructure(configuration);
        Services.AddIdentityCore<Member>(IdentityRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AtTicketDbContext>()
            .AddUserManager<MemberManager>();
        AddAuthorization().SetAuthorized("admin@atticket.local").SetRoles(Roles.Admin);
    }

    protected static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(Cancellation);
        _database.AssertWasCreated();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        _database.Dispose();
    }
}

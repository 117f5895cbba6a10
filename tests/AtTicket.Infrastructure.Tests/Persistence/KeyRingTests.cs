using AtTicket.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Infrastructure.Tests.Persistence;

/// <summary>
/// The data-protection key ring (cookies, bearer tokens, mailed links) lives in the app's database: every node
/// on the database reads what another protected, with no Redis and no key folder in common.
/// </summary>
public sealed class KeyRingTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Two_nodes_on_one_database_read_each_others_protected_data_and_the_keys_are_its_rows(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        await using var other = database.NewNode();

        // An antiforgery token or auth cookie made on one node must open on the other behind the load balancer.
        var secret = database.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("AtTicket.Tests").Protect("member 42");
        var opened = other.GetRequiredService<IDataProtectionProvider>().CreateProtector("AtTicket.Tests").Unprotect(secret);

        Assert.Equal("member 42", opened);
        Assert.True(await database.ReadAsync(db => db.DataProtectionKeys.CountAsync(TestContext.Current.CancellationToken)) > 0, "no data-protection key in the database");
    }
}

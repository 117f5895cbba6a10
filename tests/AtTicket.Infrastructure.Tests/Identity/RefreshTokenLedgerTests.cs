using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AtTicket.Infrastructure.Tests.Identity;

/// <summary>Each refresh token is spent once, whichever node sees it, and the ledger forgets tokens past their expiry.</summary>
public sealed class RefreshTokenLedgerTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_token_is_spent_once_and_a_second_spend_on_another_node_is_refused(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        await using var otherNode = database.NewNode();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var token = "refresh-" + Guid.NewGuid().ToString("N");

        var first = await LedgerOn(database.Services, clock).SpendAsync(token, clock.GetUtcNow().AddDays(14), Ct);
        var replay = await LedgerOn(otherNode, clock).SpendAsync(token, clock.GetUtcNow().AddDays(14), Ct);
        var another = await LedgerOn(otherNode, clock).SpendAsync(token + "x", clock.GetUtcNow().AddDays(14), Ct);

        Assert.Equal((true, false, true), (first, replay, another));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Tokens_past_their_expiry_leave_the_ledger_and_the_token_itself_is_never_stored(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var ledger = LedgerOn(database.Services, clock);
        var old = "old-" + Guid.NewGuid().ToString("N");
        var fresh = "fresh-" + Guid.NewGuid().ToString("N");
        await ledger.SpendAsync(old, clock.GetUtcNow().AddMinutes(1), Ct);

        clock.Advance(TimeSpan.FromMinutes(2));
        await ledger.SpendAsync(fresh, clock.GetUtcNow().AddDays(14), Ct);

        await using var db = database.NewContext();
        var rows = await db.SpentRefreshTokens.AsNoTracking().ToListAsync(Ct);
        Assert.DoesNotContain(rows, r => r.ExpiresAt <= clock.GetUtcNow());
        Assert.Contains(rows, r => r.ExpiresAt == clock.GetUtcNow().AddDays(14));
        Assert.DoesNotContain(rows, r => r.Hash.Contains(fresh, StringComparison.OrdinalIgnoreCase) || r.Hash.Length != SpentRefreshToken.HashLength);
    }

    private static RefreshTokenLedger LedgerOn(IServiceProvider node, TimeProvider clock) =>
        new(node.GetRequiredService<IDbContextFactory<AtTicketDbContext>>(), clock);
}

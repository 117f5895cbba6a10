using AtTicket.Domain.Bookings;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static AtTicket.Infrastructure.Tests.Bookings.BookingData;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Bookings;

/// <summary>
/// The hold paths write <see cref="Performance.BookableAt"/> in SQL (the MySQL procedure HoldSeats,
/// the SQLite batch) or query it through EF (best available). For every way a performance can stop
/// being bookable, the Domain's rule, evaluated on the loaded entity, and each path give one answer.
/// </summary>
public sealed class HoldSeatsAgreesWithDomainTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private readonly FakeTimeProvider _clock = ClockAtNow();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<DatabaseProvider, string> Cases
    {
        get
        {
            var cases = new TheoryData<DatabaseProvider, string>();
            foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.MySql })
            {
                foreach (var state in new[] { "on sale", "draft performance", "started", "product closed", "performance cancelled" })
                {
                    cases.Add(provider, state);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hold_is_refused_exactly_when_the_Domain_says_the_performance_is_not_bookable(DatabaseProvider provider, string state)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var startsAt = _clock.GetUtcNow().AddDays(10);
        var performance = state == "draft performance" ? await DraftAsync(node, startsAt: startsAt) : await OnSaleAsync(node, startsAt: startsAt);
        await PutInStateAsync(node, performance.Id, state);
        var member = await MemberAsync(node);
        var holds = Holds(node, _clock);

        var bookable = await DomainSaysBookableAsync(node, performance.Id);
        var named = await holds.HoldSeatsAsync(member, performance.Id, [performance.Hall.Seat('A', 1)], Ct);
        if (named.Hold is { } hold)
        {
            await holds.ReleaseAsync(hold.Id, member, Ct);
        }

        var best = await holds.HoldBestAvailableAsync(member, performance.Id, performance.GradeId, 1, cancellationToken: Ct);

        Assert.Equal(state == "on sale", bookable);
        var expected = bookable ? HoldOutcome.Held : HoldOutcome.Rejected;
        Assert.Equal((expected, expected), (named.Outcome, best.Outcome));
    }

    private async Task PutInStateAsync(IServiceProvider node, int performanceId, string state)
    {
        switch (state)
        {
            case "started":
                _clock.Advance(TimeSpan.FromDays(10));
                break;
            case "product closed":
                await ChangeAsync(node, performanceId, p => p.Product!.Close());
                break;
            case "performance cancelled":
                await ChangeAsync(node, performanceId, p => p.Cancel());
                break;
        }
    }

    private static Task ChangeAsync(IServiceProvider node, int performanceId, Action<Performance> change) =>
        ReadAsync(node, async db =>
        {
            var performance = await db.Performances.Include(p => p.Product).SingleAsync(p => p.Id == performanceId, Ct);
            change(performance);
            return await db.SaveChangesAsync(Ct);
        });

    /// <summary>The Domain's rule run in memory on the stored performance and product, not translated to SQL.</summary>
    private Task<bool> DomainSaysBookableAsync(IServiceProvider node, int performanceId) =>
        ReadAsync(node, async db =>
        {
            var performance = await db.Performances.AsNoTracking().Include(p => p.Product).SingleAsync(p => p.Id == performanceId, Ct);
            return Performance.BookableAt(_clock.GetUtcNow()).Compile()(performance);
        });
}

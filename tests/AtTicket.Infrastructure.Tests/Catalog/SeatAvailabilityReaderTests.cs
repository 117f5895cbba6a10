using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Catalog;

public sealed class SeatAvailabilityReaderTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Hall of 3 rows x 4 seats. Row A is VIP, row B is R, C1-C2 are S, C3-C4 have no grade.
    /// The first performance gets every kind of state; the second stays untouched.
    /// </summary>
    private static async Task<(int Mixed, int Untouched, CreatedHall Hall)> ScheduleMixedStatesAsync(TestDatabase database)
    {
        var services = database.Services;
        var hall = await CreateHallAsync(services, rows: 3, seatsPerRow: 4);
        var productId = await CreateProductAsync(services, $"Remaining {Unique.Suffix()}");
        var ids = await ScheduleAsync(
            services,
            productId,
            hall,
            [DaysFromNow(10), DaysFromNow(11)],
            Grade("VIP", 150_000, hall.Row('A')),
            Grade("R", 100_000, hall.Row('B'), Crimson),
            Grade("S", 70_000, [hall.Seat('C', 1), hall.Seat('C', 2)], Navy));
        var (mixed, untouched) = (ids[0], ids[1]);

        var now = DateTimeOffset.UtcNow;
        await HoldAsync(services, mixed, [hall.Seat('A', 1)], heldUntil: now.AddMinutes(5));
        await HoldAsync(services, mixed, [hall.Seat('A', 2)], heldUntil: now.AddMinutes(-5));
        await SellAsync(services, mixed, [hall.Seat('A', 3)]);
        await SellAsync(services, mixed, [hall.Seat('B', 1), hall.Seat('B', 2)]);
        await HoldAsync(services, mixed, [hall.Seat('B', 3)], heldUntil: now.AddHours(-1));
        await HoldAsync(services, mixed, [hall.Seat('C', 1)], heldUntil: now.AddMinutes(5));
        return (mixed, untouched, hall);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Remaining_seats_per_grade_count_available_seats_and_expired_holds_but_not_live_holds_or_sold_seats(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var (mixed, _, _) = await ScheduleMixedStatesAsync(database);
        var names = (await GradeIdsAsync(database.Services, mixed)).ToDictionary(g => g.Value, g => g.Key);

        var remaining = await database.Services.GetRequiredService<SeatAvailabilityReader>().GetRemainingAsync(mixed, Ct);

        // VIP: A1 held, A2 hold expired, A3 sold, A4 free. R: B1-B2 sold, B3 hold expired, B4 free. S: C1 held, C2 free.
        // C3-C4 have no grade and count nowhere.
        Assert.Equal(
            [("VIP", 4, 2), ("R", 4, 2), ("S", 2, 1)],
            remaining.OrderBy(g => g.GradeId).Select(g => (names[g.GradeId], g.Total, g.Remaining)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Remaining_seats_of_several_performances_in_one_call_give_each_its_own_numbers(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var (mixed, untouched, hall) = await ScheduleMixedStatesAsync(database);

        // A third performance in the same hall, all one grade, half sold: it must not leak into the others.
        var other = (await ScheduleAsync(database.Services, await CreateProductAsync(database.Services, $"Other {Unique.Suffix()}"), hall, [DaysFromNow(12)], Grade("A", 50_000, hall.SeatIds))).Single();
        await SellAsync(database.Services, other, hall.Row('A'));
        await SellAsync(database.Services, other, [hall.Seat('B', 1), hall.Seat('B', 2)]);
        var grades = new Dictionary<int, string>();
        foreach (var id in new[] { mixed, untouched, other })
        {
            foreach (var (name, gradeId) in await GradeIdsAsync(database.Services, id))
            {
                grades[gradeId] = name;
            }
        }

        var remaining = await database.Services.GetRequiredService<SeatAvailabilityReader>().GetRemainingAsync([mixed, untouched, other, int.MaxValue], Ct);

        string Numbers(int performanceId) => string.Join(
            ", ",
            remaining[performanceId].OrderBy(g => g.GradeId).Select(g => $"{grades[g.GradeId]} {g.Remaining}/{g.Total}"));
        Assert.Equal([mixed, untouched, other], remaining.Keys.Order());
        Assert.Equal("VIP 2/4, R 2/4, S 1/2", Numbers(mixed));
        Assert.Equal("VIP 4/4, R 4/4, S 2/2", Numbers(untouched));
        Assert.Equal("A 6/12", Numbers(other));
        Assert.Empty(await database.Services.GetRequiredService<SeatAvailabilityReader>().GetRemainingAsync(int.MaxValue, Ct));
        Assert.Empty(await database.Services.GetRequiredService<SeatAvailabilityReader>().GetRemainingAsync([], Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Seat_states_report_an_expired_hold_as_available(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var (mixed, _, hall) = await ScheduleMixedStatesAsync(database);
        var grades = await GradeIdsAsync(database.Services, mixed);

        var states = (await database.Services.GetRequiredService<SeatAvailabilityReader>().GetSeatStatesAsync(mixed, Ct))
            .ToDictionary(s => s.SeatId, s => (s.GradeId, s.Status));

        Assert.Equal(hall.SeatIds.Order(), states.Keys.Order());
        Assert.Equal((grades["VIP"], SeatStatus.Held), states[hall.Seat('A', 1)]);
        Assert.Equal((grades["VIP"], SeatStatus.Available), states[hall.Seat('A', 2)]);
        Assert.Equal((grades["VIP"], SeatStatus.Sold), states[hall.Seat('A', 3)]);
        Assert.Equal((grades["VIP"], SeatStatus.Available), states[hall.Seat('A', 4)]);
        Assert.Equal((grades["R"], SeatStatus.Available), states[hall.Seat('B', 3)]);
        Assert.Equal((grades["S"], SeatStatus.Held), states[hall.Seat('C', 1)]);
        Assert.Equal(((int?)null, SeatStatus.Available), states[hall.Seat('C', 4)]);
        Assert.Equal(
            new Dictionary<SeatStatus, int> { [SeatStatus.Available] = 7, [SeatStatus.Held] = 2, [SeatStatus.Sold] = 3 },
            states.Values.CountBy(s => s.Status).ToDictionary());
    }
}

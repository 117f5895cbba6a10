using AtTicket.Domain.Common;
using AtTicket.Domain.Performances;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Venues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Catalog;

public sealed class VenueAdminServiceTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Saving_a_hall_refuses_to_remove_a_sold_seat_and_keeps_the_hall_unchanged(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services);
        var performanceId = await ScheduleOnSaleAsync(services, await CreateProductAsync(services, $"Sold Out Corner {Unique.Suffix()}"), hall, DaysFromNow(9));
        await SellAsync(services, performanceId, [hall.Seat('A', 4)]);
        var before = await SeatsAsync(services, hall.HallId);

        // Leaves out A4 (sold) and B4 (free), renames the hall and moves A1.
        var result = await services.GetRequiredService<VenueAdminService>().SaveHallAsync(
            hall.HallId,
            Layout("Renamed Hall", hall, without: [hall.Seat('A', 4), hall.Seat('B', 4)], change: s => s.Id == hall.Seat('A', 1) ? s with { X = 0.5 } : s),
            Ct);

        Assert.Equal(ChangeOutcome.SeatsLocked, result.Outcome);
        Assert.Equal([hall.Seat('A', 4)], result.LockedSeatIds);
        Assert.Equal(before, await SeatsAsync(services, hall.HallId));
        Assert.Equal("Main Hall", await ReadAsync(services, db => db.Halls.Where(h => h.Id == hall.HallId).Select(h => h.Name).SingleAsync(Ct)));
        Assert.Equal(8, await ReadAsync(services, db => db.PerformanceSeats.CountAsync(s => s.PerformanceId == performanceId, Ct)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_sections_Korean_name_is_kept_when_a_layout_leaves_it_out_and_cleared_when_it_is_empty(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services);
        var venues = services.GetRequiredService<VenueAdminService>();
        var reader = services.GetRequiredService<CatalogReader>();

        await venues.SaveHallAsync(hall.HallId, Korean(Layout("Main Hall", hall, without: []), " 플로어 "), Ct);
        Assert.All((await reader.GetHallLayoutAsync(hall.HallId, Ct))!.Seats, s => Assert.Equal("플로어", s.SectionKo));

        // Left out: kept, also for the seat added to the section.
        await venues.SaveHallAsync(hall.HallId, Korean(Layout("Main Hall", hall, without: [], added: ("B", new SeatDocument(null, 5, 4, 1))), null), Ct);
        var kept = (await reader.GetHallLayoutAsync(hall.HallId, Ct))!;
        Assert.Equal(9, kept.Seats.Count);
        Assert.All(kept.Seats, s => Assert.Equal("플로어", s.SectionKo));
        Assert.Equal("플로어", HallLayoutConversion.ToDocument(kept).Sections.Single().NameKo);

        await venues.SaveHallAsync(hall.HallId, Korean(Layout("Main Hall", hall, without: []), string.Empty), Ct);
        Assert.All((await reader.GetHallLayoutAsync(hall.HallId, Ct))!.Seats, s => Assert.Equal(string.Empty, s.SectionKo));
    }

    [Fact]
    public async Task A_Korean_section_name_longer_than_a_section_name_is_refused_naming_its_field()
    {
        var services = (await databases.GetAsync(DatabaseProvider.Sqlite)).Services;
        var hall = await CreateHallAsync(services);

        var error = await Assert.ThrowsAsync<DomainException>(() => services.GetRequiredService<VenueAdminService>().SaveHallAsync(
            hall.HallId, Korean(Layout("Main Hall", hall, without: []), new string('가', Seat.MaxSectionLength + 1)), Ct));

        Assert.Equal(["sections[0].nameKo"], error.Fields);
    }

    private static HallLayoutDocument Korean(HallLayoutDocument layout, string? nameKo) =>
        layout with { Sections = [layout.Sections.Single() with { NameKo = nameKo }] };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Saving_a_hall_removes_a_free_seat_with_its_performance_rows_and_adds_new_seats_to_draft_performances(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services);
        var productId = await CreateProductAsync(services, $"Reshaped Hall {Unique.Suffix()}");
        var onSale = await ScheduleOnSaleAsync(services, productId, hall, DaysFromNow(9));
        var draft = (await ScheduleAsync(services, productId, hall, [DaysFromNow(10)], Grade("VIP", 150_000, hall.Row('A')))).Single();
        await SellAsync(services, onSale, [hall.Seat('A', 1)]);
        var reader = services.GetRequiredService<CatalogReader>();
        Assert.Equal(8, (await reader.GetHallLayoutAsync(hall.HallId, Ct))!.Seats.Count);

        // B4 goes, A2 becomes a wheelchair place a little lower, B5 is new, and the hall gets a new name.
        var result = await services.GetRequiredService<VenueAdminService>().SaveHallAsync(
            hall.HallId,
            Layout(
                "Main Hall East",
                hall,
                without: [hall.Seat('B', 4)],
                change: s => s.Id == hall.Seat('A', 2) ? s with { Y = 0.25, Kind = SeatKind.Wheelchair } : s,
                added: ("B", new SeatDocument(null, 5, 4, 1))),
            Ct);

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        var layout = (await reader.GetHallLayoutAsync(hall.HallId, Ct))!;
        var b5 = layout.Seats.Single(s => s.Row == "B" && s.Number == 5).Id;
        Assert.Equal("Main Hall East", layout.Name);
        Assert.Equal(
            "A1 (0,0) Normal, A2 (1,0.25) Wheelchair, A3 (2,0) Normal, A4 (3,0) Normal, B1 (0,1) Normal, B2 (1,1) Normal, B3 (2,1) Normal, B5 (4,1) Normal",
            await SeatsAsync(services, hall.HallId));
        Assert.False(await ReadAsync(services, db => db.PerformanceSeats.AnyAsync(s => s.SeatId == hall.Seat('B', 4), Ct)));

        var onSaleRows = await SeatRowsAsync(services, onSale);
        var draftRows = await SeatRowsAsync(services, draft);
        Assert.Equal(7, onSaleRows.Count); // an on-sale performance does not grow seats nobody priced
        Assert.Equal(SeatStatus.Sold, onSaleRows[hall.Seat('A', 1)].Status);
        Assert.DoesNotContain(b5, onSaleRows.Keys);
        Assert.Equal(8, draftRows.Count);
        Assert.Equal(((int?)null, SeatStatus.Available), draftRows[b5]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Saving_a_hall_can_swap_two_seats_numbers(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services, rows: 1, seatsPerRow: 3);
        var (a1, a2) = (hall.Seat('A', 1), hall.Seat('A', 2));

        var result = await services.GetRequiredService<VenueAdminService>().SaveHallAsync(
            hall.HallId,
            Layout("Main Hall", hall, without: [], change: s => s.Id == a1 ? s with { Number = 2 } : s.Id == a2 ? s with { Number = 1 } : s),
            Ct);

        Assert.Equal(ChangeOutcome.Done, result.Outcome);
        var numbers = await ReadAsync(services, db => db.Seats.Where(s => s.HallId == hall.HallId).ToDictionaryAsync(s => s.Id, s => s.Number, Ct));
        Assert.Equal((2, 1, 3), (numbers[a1], numbers[a2], numbers[hall.Seat('A', 3)]));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Saving_a_hall_with_a_seat_of_another_hall_is_refused(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services, rows: 1, seatsPerRow: 2);
        var other = await CreateHallAsync(services, rows: 1, seatsPerRow: 2);
        var before = await SeatsAsync(services, hall.HallId);

        var error = await Assert.ThrowsAsync<DomainException>(() => services.GetRequiredService<VenueAdminService>().SaveHallAsync(
            hall.HallId,
            Layout("Main Hall", hall, without: [hall.Seat('A', 2)], added: ("A", new SeatDocument(other.Seat('A', 2), 2, 1, 0))),
            Ct));

        Assert.Equal(RefusalCode.LayoutSeatOfOtherHall, error.Refusal?.Code);
        Assert.Equal("The layout names a seat of another hall.", error.Message);
        Assert.Equal(before, await SeatsAsync(services, hall.HallId));
    }

    /// <summary>The hall's seats as <see cref="CatalogData.CreateHallAsync"/> drew them (ids kept), changed as asked.</summary>
    private static HallLayoutDocument Layout(
        string name,
        CreatedHall hall,
        IReadOnlyCollection<int> without,
        Func<SeatDocument, SeatDocument>? change = null,
        params (string Row, SeatDocument Seat)[] added)
    {
        var rows = Enumerable.Range(0, hall.SeatIds.Count / hall.SeatsPerRow).Select(r =>
        {
            var label = ((char)('A' + r)).ToString();
            var seats = Enumerable.Range(1, hall.SeatsPerRow)
                .Select(n => new SeatDocument(hall.Seat(label[0], n), n, n - 1, r))
                .Where(s => !without.Contains(s.Id!.Value))
                .Select(change ?? (s => s))
                .Concat(added.Where(a => a.Row == label).Select(a => a.Seat));
            return new RowDocument(label, [.. seats]);
        });
        return new HallLayoutDocument(name, [new SectionDocument("Floor", [.. rows])]);
    }

    private static async Task<string> SeatsAsync(IServiceProvider services, int hallId)
    {
        var seats = await ReadAsync(services, db => db.Seats.AsNoTracking().Where(s => s.HallId == hallId).ToListAsync(Ct));
        return string.Join(", ", seats
            .OrderBy(s => s.Row, StringComparer.Ordinal).ThenBy(s => s.Number)
            .Select(s => FormattableString.Invariant($"{s.Row}{s.Number} ({s.X},{s.Y}) {s.Kind}")));
    }
}

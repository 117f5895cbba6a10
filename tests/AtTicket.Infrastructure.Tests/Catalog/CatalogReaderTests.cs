using AtTicket.Domain.Catalog;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Venues;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Catalog;

/// <summary>
/// What customers and admins find in the catalog. The tests share one database per provider, so each
/// scopes its queries with a search for a word only its own products carry.
/// </summary>
public sealed class CatalogReaderTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Draft_products_are_invisible_to_customers_and_visible_to_admins(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var tag = Unique.Suffix();
        var draft = await CreateProductAsync(services, $"Rehearsal {tag}", status: ProductStatus.Draft);
        var onSale = await CreateProductAsync(services, $"Premiere {tag}");
        var reader = services.GetRequiredService<CatalogReader>();

        Assert.Equal([onSale], await IdsAsync(reader, new ProductQuery(Search: tag)));
        Assert.Equal([onSale], await IdsAsync(reader, new ProductQuery(Search: tag, Status: ProductStatus.Draft)));
        Assert.Equal([draft, onSale], (await IdsAsync(reader, new ProductQuery(Search: tag, IncludeUnpublished: true))).Order());
        Assert.Equal([draft], await IdsAsync(reader, new ProductQuery(Search: tag, Status: ProductStatus.Draft, IncludeUnpublished: true)));
        Assert.Null(await reader.GetProductAsync(draft, includeUnpublished: false, Ct));
        Assert.Equal($"Rehearsal {tag}", (await reader.GetProductAsync(draft, includeUnpublished: true, Ct))?.Summary.Title);
        Assert.NotNull(await reader.GetProductAsync(onSale, includeUnpublished: false, Ct));
        Assert.Null(await reader.GetProductAsync(int.MaxValue, includeUnpublished: true, Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_product_page_shows_customers_only_upcoming_performances_that_are_on_sale(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var hall = await CreateHallAsync(services);
        var productId = await CreateProductAsync(services, $"Seasons {Unique.Suffix()}");
        var past = await ScheduleOnSaleAsync(services, productId, hall, DaysFromNow(-1));
        var onSale = await ScheduleOnSaleAsync(services, productId, hall, DaysFromNow(3));
        var draft = (await ScheduleAsync(services, productId, hall, [DaysFromNow(2)], Grade("VIP", 90_000, hall.SeatIds))).Single();
        var reader = services.GetRequiredService<CatalogReader>();

        var customerView = await reader.GetProductAsync(productId, includeUnpublished: false, Ct);
        var adminView = await reader.GetProductAsync(productId, includeUnpublished: true, Ct);

        Assert.Equal([onSale], customerView!.Performances.Select(p => p.Id));
        Assert.Equal([draft, onSale], adminView!.Performances.Select(p => p.Id));
        Assert.Null(await reader.GetPerformanceAsync(draft, includeUnpublished: false, Ct));
        Assert.Equal(draft, (await reader.GetPerformanceAsync(draft, includeUnpublished: true, Ct))?.Id);
        Assert.DoesNotContain(past, adminView.Performances.Select(p => p.Id));

        var performance = (await reader.GetPerformanceAsync(onSale, includeUnpublished: false, Ct))!;
        Assert.Equal((hall.VenueId, hall.HallId, productId), (performance.Venue.Id, performance.Hall.Id, performance.ProductId));
        Assert.Equal([("VIP", 150_000L), ("R", 100_000L)], performance.Grades.Select(g => (g.Name, g.Price)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Search_ignores_case(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var tag = Unique.Suffix();
        var lantern = await CreateProductAsync(services, $"The Lantern Keeper {tag}");
        await CreateProductAsync(services, $"Harbor Lights {tag}");
        var reader = services.GetRequiredService<CatalogReader>();

        Assert.Equal([lantern], await IdsAsync(reader, new ProductQuery(Search: $"lantern KEEPER {tag.ToUpperInvariant()}")));
        Assert.Equal([lantern], await IdsAsync(reader, new ProductQuery(Search: $"  tHE lAnTeRn keeper {tag}  ")));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Search_treats_percent_and_underscore_as_plain_characters(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var tag = Unique.Suffix();
        var percent = await CreateProductAsync(services, $"100% Live {tag}");
        var hundred = await CreateProductAsync(services, $"100 Live {tag}");
        var underscore = await CreateProductAsync(services, $"A_B Session {tag}");
        var axb = await CreateProductAsync(services, $"AxB Session {tag}");
        var backslash = await CreateProductAsync(services, $"Either\\Or {tag}");
        var reader = services.GetRequiredService<CatalogReader>();

        // Read as LIKE wildcards, "0% Live" would also match "100 Live" and "A_B" would match "AxB".
        Assert.Equal([percent], await IdsAsync(reader, new ProductQuery(Search: $"0% Live {tag}")));
        Assert.Equal([underscore], await IdsAsync(reader, new ProductQuery(Search: $"A_B Session {tag}")));
        Assert.Equal([backslash], await IdsAsync(reader, new ProductQuery(Search: $"r\\Or {tag}")));
        Assert.Equal([percent, hundred], (await IdsAsync(reader, new ProductQuery(Search: $"Live {tag}"))).Order());
        Assert.Equal([underscore, axb], (await IdsAsync(reader, new ProductQuery(Search: $"Session {tag}"))).Order());
        Assert.Empty(await IdsAsync(reader, new ProductQuery(Search: $"%{tag}_")));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task The_category_filter_keeps_only_that_category(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var tag = Unique.Suffix();
        var concert = await CreateProductAsync(services, $"Night Symphony {tag}", ProductCategory.Concert);
        var musical = await CreateProductAsync(services, $"Night Musical {tag}", ProductCategory.Musical);
        var movie = await CreateProductAsync(services, $"Night Movie {tag}", ProductCategory.Movie);
        var reader = services.GetRequiredService<CatalogReader>();

        Assert.Equal([concert], await IdsAsync(reader, new ProductQuery(ProductCategory.Concert, tag)));
        Assert.Equal([musical], await IdsAsync(reader, new ProductQuery(ProductCategory.Musical, tag)));
        Assert.Equal([movie], await IdsAsync(reader, new ProductQuery(ProductCategory.Movie, tag)));
        Assert.Equal([concert, musical, movie], (await IdsAsync(reader, new ProductQuery(Search: tag))).Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Date_range_and_venue_filters_keep_products_playing_then_and_there(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var tag = Unique.Suffix();
        var arts = await CreateHallAsync(services);
        var dome = await CreateHallAsync(services);
        var early = DaysFromNow(10);
        var late = DaysFromNow(20);
        var earlyAtArts = await CreateProductAsync(services, $"Early at Arts {tag}");
        var lateAtDome = await CreateProductAsync(services, $"Late at Dome {tag}");
        var earlyAtDome = await CreateProductAsync(services, $"Early at Dome {tag}");
        await ScheduleOnSaleAsync(services, earlyAtArts, arts, early);
        await ScheduleOnSaleAsync(services, lateAtDome, dome, late);
        await ScheduleOnSaleAsync(services, earlyAtDome, dome, early);
        var reader = services.GetRequiredService<CatalogReader>();

        Assert.Equal([earlyAtArts, earlyAtDome], (await IdsAsync(reader, new ProductQuery(Search: tag, From: early.AddDays(-1), To: early.AddDays(1)))).Order());
        Assert.Equal([lateAtDome], await IdsAsync(reader, new ProductQuery(Search: tag, From: early.AddDays(1))));
        Assert.Equal([earlyAtArts, earlyAtDome], (await IdsAsync(reader, new ProductQuery(Search: tag, To: late))).Order()); // To is exclusive
        Assert.Equal([earlyAtArts, earlyAtDome], (await IdsAsync(reader, new ProductQuery(Search: tag, From: early, To: late))).Order()); // From is inclusive
        Assert.Equal([lateAtDome, earlyAtDome], (await IdsAsync(reader, new ProductQuery(Search: tag, VenueId: dome.VenueId))).Order());
        Assert.Equal([earlyAtArts], await IdsAsync(reader, new ProductQuery(Search: tag, VenueId: arts.VenueId)));
        Assert.Equal([earlyAtDome], await IdsAsync(reader, new ProductQuery(Search: tag, From: early.AddDays(-1), To: early.AddDays(1), VenueId: dome.VenueId)));
        Assert.Empty(await IdsAsync(reader, new ProductQuery(Search: tag, From: late.AddDays(1))));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Paging_reports_the_total_and_returns_the_requested_slice(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var tag = Unique.Suffix();
        var ids = new List<int>();
        foreach (var title in new[] { "Aria", "Ballad", "Canon", "Duet", "Etude" })
        {
            ids.Add(await CreateProductAsync(services, $"{title} {tag}"));
        }

        var reader = services.GetRequiredService<CatalogReader>();
        var pages = new List<Page<ProductSummary>>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add(await reader.SearchProductsAsync(new ProductQuery(Search: tag, Page: page, PageSize: 2), Ct));
        }

        Assert.All(pages, p => Assert.Equal((5, 2), (p.TotalCount, p.PageSize)));
        Assert.Equal([1, 2, 3, 4], pages.Select(p => p.PageNumber));
        Assert.Equal([2, 2, 1, 0], pages.Select(p => p.Items.Count));

        // Without performances, products are listed by title.
        Assert.Equal(ids, pages.SelectMany(p => p.Items).Select(p => p.Id));

        var clamped = await reader.SearchProductsAsync(new ProductQuery(Search: tag, Page: 0, PageSize: 1000), Ct);
        Assert.Equal((1, CatalogReader.MaxPageSize, 5), (clamped.PageNumber, clamped.PageSize, clamped.Items.Count));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Products_are_listed_soonest_next_performance_first_and_those_without_one_last(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var tag = Unique.Suffix();
        var hall = await CreateHallAsync(services);
        var (past, soon, twoWeeks, month, later) = (DaysFromNow(-3), DaysFromNow(5), DaysFromNow(14), DaysFromNow(30), DaysFromNow(40));
        var inAMonth = await CreateProductAsync(services, $"A Month Away {tag}");
        var thisWeekAndLater = await CreateProductAsync(services, $"B This Week {tag}");
        var nothingPlanned = await CreateProductAsync(services, $"C Nothing Planned {tag}");
        var inTwoWeeks = await CreateProductAsync(services, $"D Two Weeks Away {tag}");
        var onlyPast = await CreateProductAsync(services, $"E Already Played {tag}");
        await ScheduleOnSaleAsync(services, inAMonth, hall, month);
        await ScheduleOnSaleAsync(services, thisWeekAndLater, hall, later);
        await ScheduleOnSaleAsync(services, thisWeekAndLater, hall, soon);
        await ScheduleOnSaleAsync(services, inTwoWeeks, hall, twoWeeks);
        await ScheduleOnSaleAsync(services, onlyPast, hall, past);
        var reader = services.GetRequiredService<CatalogReader>();

        var page = await reader.SearchProductsAsync(new ProductQuery(Search: tag), Ct);

        Assert.Equal([thisWeekAndLater, inTwoWeeks, inAMonth, nothingPlanned, onlyPast], page.Items.Select(p => p.Id));
        var card = page.Items[0];
        Assert.Equal((soon, later, 100_000L), (card.FirstPerformanceAt, card.LastPerformanceAt, card.MinPrice));
        Assert.All(page.Items.Skip(3), p => Assert.Equal(((DateTimeOffset?)null, (long?)null), (p.FirstPerformanceAt, p.MinPrice)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_customer_sees_dates_prices_and_venues_of_bookable_performances_only(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var tag = Unique.Suffix();
        var main = await CreateHallAsync(services, venueName: $"Main Stage {tag}");
        var studio = await CreateHallAsync(services, venueName: $"Studio {tag}");
        var productId = await CreateProductAsync(services, $"Preview Season {tag}");
        var (played, preview, opening) = (DaysFromNow(-2), DaysFromNow(3), DaysFromNow(5));
        await ScheduleOnSaleAsync(services, productId, main, played);
        await ScheduleOnSaleAsync(services, productId, main, opening);
        await ScheduleAsync(services, productId, studio, [preview], Grade("Preview", 30_000, studio.SeatIds)); // draft: not bookable yet
        var reader = services.GetRequiredService<CatalogReader>();

        var card = (await reader.SearchProductsAsync(new ProductQuery(Search: tag), Ct)).Items.Single();
        var page = (await reader.GetProductAsync(productId, includeUnpublished: false, Ct))!;

        // The product page lists only the opening night; its summary and the card must agree with that list.
        Assert.Equal([opening], page.Performances.Select(p => p.StartsAt));
        var bookable = (opening, opening, 100_000L, $"Main Stage {tag}");
        Assert.Multiple(
            () => Assert.Equal(bookable, (page.Summary.FirstPerformanceAt, page.Summary.LastPerformanceAt, page.Summary.MinPrice, string.Join(", ", page.Summary.VenueNames))),
            () => Assert.Equal(bookable, (card.FirstPerformanceAt, card.LastPerformanceAt, card.MinPrice, string.Join(", ", card.VenueNames))));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_hall_layout_and_the_venue_list_show_the_seats_as_drawn(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var venueName = $"Seoul Arts Center {Unique.Suffix()}";
        var venues = services.GetRequiredService<VenueAdminService>();
        var venueId = await venues.CreateVenueAsync(venueName, "Seocho-gu, Seoul", Ct);
        var layout = new HallLayoutDocument(
            "Opera House",
            [
                new SectionDocument("Orchestra", [new RowDocument("A", [new SeatDocument(null, 1, 0, 0), new SeatDocument(null, 2, 1, 0, SeatKind.Wheelchair), new SeatDocument(null, 3, 2, 0, SeatKind.Companion)])]),
                new SectionDocument("Balcony", [new RowDocument("1", [new SeatDocument(null, 1, 0.5, 3), new SeatDocument(null, 2, 4, 3.5)])]),
            ]);
        var hallId = (await venues.CreateHallAsync(venueId, layout, Ct))!.Value;
        var reader = services.GetRequiredService<CatalogReader>();

        var hall = (await reader.GetHallLayoutAsync(hallId, Ct))!;
        var venue = (await reader.GetVenuesAsync(Ct)).Single(v => v.Id == venueId);

        Assert.Equal((venueId, venueName, "Opera House", 5.0, 4.5), (hall.VenueId, hall.VenueName, hall.Name, hall.Width, hall.Height));
        Assert.Equal(
            ["Balcony 1-1 (0.5,3) Normal", "Balcony 1-2 (4,3.5) Normal", "Orchestra A-1 (0,0) Normal", "Orchestra A-2 (1,0) Wheelchair", "Orchestra A-3 (2,0) Companion"],
            hall.Seats.Select(s => FormattableString.Invariant($"{s.Section} {s.Row}-{s.Number} ({s.X},{s.Y}) {s.Kind}")));
        Assert.Equal([new HallSummary(hallId, "Opera House", 5)], venue.Halls);
        Assert.Null(await reader.GetHallLayoutAsync(int.MaxValue, Ct));
    }

    private static async Task<IReadOnlyList<int>> IdsAsync(CatalogReader reader, ProductQuery query) =>
        [.. (await reader.SearchProductsAsync(query, Ct)).Items.Select(p => p.Id)];
}

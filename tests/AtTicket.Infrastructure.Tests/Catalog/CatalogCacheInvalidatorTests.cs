using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Catalog;

/// <summary>
/// Two app nodes behind the load balancer, on one database and the real Redis (cache L2 and the
/// invalidation channel). A customer on node A must never see what an admin on node B changed.
/// Node A only reads the catalog, as a node serving customers does.
/// </summary>
public sealed class CatalogCacheInvalidatorTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task An_edited_title_and_price_are_fresh_on_another_node_sharing_the_redis(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        await using var nodes = await RedisNodes.CreateAsync(database);
        var customerNode = await nodes.NewNodeAsync();
        var adminNode = await nodes.NewNodeAsync();
        var title = $"The Lantern Keeper {Unique.Suffix()}";
        var hall = await CreateHallAsync(adminNode);
        var productId = await CreateProductAsync(adminNode, title);
        var startsAt = DaysFromNow(10);
        var performanceId = await ScheduleOnSaleAsync(adminNode, productId, hall, startsAt);
        var customer = customerNode.GetRequiredService<CatalogReader>();
        var admin = adminNode.GetRequiredService<CatalogReader>();

        // Both nodes have the product cached.
        Assert.Equal((title, 100_000L), Describe(await customer.GetProductAsync(productId, includeUnpublished: false, Ct)));
        Assert.Equal(150_000, (await customer.GetPerformanceAsync(performanceId, includeUnpublished: false, Ct))!.Grades[0].Price);
        Assert.Equal((title, 100_000L), Describe(await admin.GetProductAsync(productId, includeUnpublished: false, Ct)));

        var encore = $"{title} (Encore)";
        Assert.True(await adminNode.GetRequiredService<ProductAdminService>().UpdateAsync(productId, Product(encore), Ct));

        Assert.Equal((encore, 100_000L), Describe(await admin.GetProductAsync(productId, includeUnpublished: false, Ct)));
        await Eventually.ReadAsync(
            () => customer.GetProductAsync(productId, includeUnpublished: false, Ct),
            p => Describe(p) == (encore, 100_000L),
            "Node A's product page after the title edit on node B",
            p => Describe(p).ToString());

        var grades = await GradeIdsAsync(adminNode, performanceId);
        var repriced = await adminNode.GetRequiredService<PerformanceAdminService>().UpdateAsync(
            performanceId,
            startsAt,
            [Grade("VIP", 180_000, hall.Row('A'), gradeId: grades["VIP"]), Grade("R", 120_000, hall.Row('B'), Crimson, grades["R"])],
            Ct);

        Assert.Equal(ChangeOutcome.Done, repriced.Outcome);
        await Eventually.ReadAsync(
            () => customer.GetProductAsync(productId, includeUnpublished: false, Ct),
            p => Describe(p) == (encore, 120_000L) && p!.Performances.Single().Grades[0].Price == 180_000,
            "Node A's product page after the price edit on node B",
            p => $"{Describe(p)}, grades {string.Join(", ", p?.Performances.SelectMany(f => f.Grades).Select(g => $"{g.Name} {g.Price}") ?? [])}");
        await Eventually.ReadAsync(
            () => customer.GetPerformanceAsync(performanceId, includeUnpublished: false, Ct),
            p => p?.Grades.Select(g => g.Price).SequenceEqual([180_000L, 120_000L]) == true,
            "Node A's performance after the price edit on node B",
            p => string.Join(", ", p?.Grades.Select(g => $"{g.Name} {g.Price}") ?? ["(none)"]));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_deleted_performance_disappears_on_another_node_sharing_the_redis(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        await using var nodes = await RedisNodes.CreateAsync(database);
        var customerNode = await nodes.NewNodeAsync();
        var adminNode = await nodes.NewNodeAsync();
        var hall = await CreateHallAsync(adminNode);
        var productId = await CreateProductAsync(adminNode, $"Midnight Orchestra {Unique.Suffix()}", Domain.Catalog.ProductCategory.Concert);
        var kept = await ScheduleOnSaleAsync(adminNode, productId, hall, DaysFromNow(10));
        var cancelled = await ScheduleOnSaleAsync(adminNode, productId, hall, DaysFromNow(11));
        var customer = customerNode.GetRequiredService<CatalogReader>();

        Assert.Equal([kept, cancelled], (await customer.GetProductAsync(productId, includeUnpublished: false, Ct))!.Performances.Select(p => p.Id));
        Assert.NotNull(await customer.GetPerformanceAsync(cancelled, includeUnpublished: false, Ct));

        var deleted = await adminNode.GetRequiredService<PerformanceAdminService>().DeleteAsync(cancelled, Ct);

        Assert.Equal(ChangeOutcome.Done, deleted.Outcome);
        await Eventually.ReadAsync(
            () => customer.GetProductAsync(productId, includeUnpublished: false, Ct),
            p => p!.Performances.Select(f => f.Id).SequenceEqual([kept]),
            "Node A's list of performances after node B deleted one",
            p => string.Join(", ", p!.Performances.Select(f => f.Id)));
        await Eventually.ReadAsync(
            () => customer.GetPerformanceAsync(cancelled, includeUnpublished: false, Ct),
            p => p is null,
            "Node A's deleted performance",
            p => $"performance {p?.Id} at {p?.StartsAt}");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_product_list_on_another_node_shows_a_new_product_and_drops_a_deleted_one(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        await using var nodes = await RedisNodes.CreateAsync(database);
        var customerNode = await nodes.NewNodeAsync();
        var adminNode = await nodes.NewNodeAsync();
        var tag = Unique.Suffix();
        var products = adminNode.GetRequiredService<ProductAdminService>();
        var first = await CreateProductAsync(adminNode, $"Spring Gala {tag}");
        var customer = customerNode.GetRequiredService<CatalogReader>();
        var query = new ProductQuery(Search: tag);

        Assert.Equal([first], (await customer.SearchProductsAsync(query, Ct)).Items.Select(p => p.Id));

        var second = await CreateProductAsync(adminNode, $"Summer Gala {tag}");
        await Eventually.ReadAsync(
            () => customer.SearchProductsAsync(query, Ct).AsTask(),
            page => page.TotalCount == 2 && page.Items.Select(p => p.Id).Order().SequenceEqual([first, second]),
            "Node A's product list after node B added a product",
            Titles);

        Assert.Equal(DeleteOutcome.Deleted, await products.DeleteAsync(first, Ct));
        await Eventually.ReadAsync(
            () => customer.SearchProductsAsync(query, Ct).AsTask(),
            page => page.TotalCount == 1 && page.Items.Select(p => p.Id).SequenceEqual([second]),
            "Node A's product list after node B deleted a product",
            Titles);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task After_another_nodes_edit_a_node_reads_the_product_from_the_database_once_and_then_from_its_cache(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        await using var nodes = await RedisNodes.CreateAsync(database);
        var customerNode = await nodes.NewNodeAsync();
        var adminNode = await nodes.NewNodeAsync();
        var title = $"Blue Harbor {Unique.Suffix()}";
        var productId = await CreateProductAsync(adminNode, title);
        var customer = customerNode.GetRequiredService<CatalogReader>();
        Assert.Equal(title, (await customer.GetProductAsync(productId, includeUnpublished: false, Ct))!.Summary.Title);

        var edited = $"{title} (Director's Cut)";
        Assert.True(await adminNode.GetRequiredService<ProductAdminService>().UpdateAsync(productId, Product(edited), Ct));
        await Eventually.ReadAsync(
            () => customer.GetProductAsync(productId, includeUnpublished: false, Ct),
            p => p!.Summary.Title == edited,
            "Node A's product page after the title edit on node B",
            p => p!.Summary.Title);

        // Behind the admin services' back (no invalidation): a read that went to the database would see it.
        await ReadAsync(adminNode, db => db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(set => set.SetProperty(p => p.Title, "Written behind the cache"), Ct));

        Assert.Equal(edited, (await customer.GetProductAsync(productId, includeUnpublished: false, Ct))!.Summary.Title);
        Assert.Equal(edited, (await customer.GetProductAsync(productId, includeUnpublished: true, Ct))!.Summary.Title);

        // A node that starts now finds the product in the shared Redis (L2), not in the database.
        var thirdNode = await nodes.NewNodeAsync();
        Assert.Equal(edited, (await thirdNode.GetRequiredService<CatalogReader>().GetProductAsync(productId, includeUnpublished: false, Ct))!.Summary.Title);
    }

    private static (string? Title, long? MinPrice) Describe(ProductDetail? product) => (product?.Summary.Title, product?.Summary.MinPrice);

    private static string Titles(Page<ProductSummary> page) => $"{page.TotalCount} in total: {string.Join(", ", page.Items.Select(p => p.Title))}";
}

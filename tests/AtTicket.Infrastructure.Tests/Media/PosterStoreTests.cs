using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Media;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Media;

public sealed class PosterStoreTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_polyglot_upload_is_stored_as_the_re_encoded_image(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var upload = TestImages.WithTrailingHtml(TestImages.Encode(SKEncodedImageFormat.Png));

        var url = await services.GetRequiredService<PosterStore>().SaveAsync(new MemoryStream(upload), upload.Length, Ct);

        var stored = await services.GetRequiredService<PosterStore>().FindAsync(Guid.ParseExact(url["/media/posters/".Length..], "N"), Ct);
        Assert.NotNull(stored);
        Assert.Equal("image/png", stored.ContentType);
        Assert.False(TestImages.Contains(stored.Content, "script"));
        Assert.NotEqual(upload, stored.Content);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Sweeping_deletes_old_posters_no_product_names_and_keeps_named_and_recent_ones(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var now = DateTimeOffset.UtcNow;
        var orphan = await AddPosterAsync(services, now.AddHours(-5));
        var named = await AddPosterAsync(services, now.AddHours(-5));
        var recent = await AddPosterAsync(services, now.AddMinutes(-1));
        await services.GetRequiredService<ProductAdminService>().CreateAsync(Product($"Postered {Unique.Suffix()}") with { PosterUrl = named.Url }, Ct);

        var deleted = await services.GetRequiredService<PosterStore>().DeleteOrphansAsync(now.AddHours(-3), Ct);

        Assert.True(deleted >= 1, $"{deleted} deleted");
        var left = await ReadAsync(services, db => db.PosterImages.Where(p => p.Id == orphan.Id || p.Id == named.Id || p.Id == recent.Id).Select(p => p.Id).ToListAsync(Ct));
        Assert.Equal(new[] { named.Id, recent.Id }.Order(), left.Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_poster_replaced_on_a_saved_product_is_swept_and_the_new_one_kept(DatabaseProvider provider)
    {
        var services = (await databases.GetAsync(provider)).Services;
        var now = DateTimeOffset.UtcNow;
        var first = await AddPosterAsync(services, now.AddHours(-5));
        var second = await AddPosterAsync(services, now.AddHours(-4));
        var admin = services.GetRequiredService<ProductAdminService>();
        var input = Product($"Replaced {Unique.Suffix()}");
        var productId = await admin.CreateAsync(input with { PosterUrl = first.Url }, Ct);
        await admin.UpdateAsync(productId, input with { PosterUrl = second.Url }, Ct);

        await services.GetRequiredService<PosterStore>().DeleteOrphansAsync(now.AddHours(-3), Ct);

        var store = services.GetRequiredService<PosterStore>();
        Assert.Null(await store.FindAsync(first.Id, Ct));
        Assert.NotNull(await store.FindAsync(second.Id, Ct));
    }

    private static async Task<PosterImage> AddPosterAsync(IServiceProvider services, DateTimeOffset uploadedAt)
    {
        var poster = new PosterImage(Guid.NewGuid(), "image/png", TestImages.Encode(SKEncodedImageFormat.Png), uploadedAt);
        await using var db = await services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Ct);
        db.PosterImages.Add(poster);
        await db.SaveChangesAsync(Ct);
        return poster;
    }
}

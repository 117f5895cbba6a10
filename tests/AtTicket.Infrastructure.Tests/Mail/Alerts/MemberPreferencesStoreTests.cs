using AtTicket.Domain.Catalog;
using AtTicket.Infrastructure.Members;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Mail.Alerts;

/// <summary>The store behind the preferences page, the unsubscribe link and the language a member uses.</summary>
public sealed class MemberPreferencesStoreTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_member_who_never_saved_preferences_wants_no_alerts(DatabaseProvider provider)
    {
        var (store, memberId) = await MemberAsync(provider, categories: null);

        var preferences = await store.GetAsync(memberId, Ct);

        Assert.False(preferences.NotifyOnNewProducts);
        Assert.Null(preferences.Culture);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Saved_categories_and_language_read_back_and_a_second_save_replaces_them(DatabaseProvider provider)
    {
        var (store, memberId) = await MemberAsync(provider, [ProductCategory.Concert, ProductCategory.Movie], "ko");

        Assert.True(await store.SaveAsync(memberId, [ProductCategory.Musical], "en", Ct));

        var preferences = await store.GetAsync(memberId, Ct);
        Assert.Equal([ProductCategory.Musical], preferences.Categories);
        Assert.Equal("en", preferences.Culture);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Unsubscribing_from_a_category_keeps_the_others_and_from_all_keeps_none(DatabaseProvider provider)
    {
        var (store, memberId) = await MemberAsync(provider, [ProductCategory.Concert, ProductCategory.Movie]);

        Assert.True(await store.UnsubscribeAsync(memberId, ProductCategory.Concert, Ct));
        Assert.Equal([ProductCategory.Movie], (await store.GetAsync(memberId, Ct)).Categories);

        Assert.True(await store.UnsubscribeAsync(memberId, category: null, Ct));
        Assert.False((await store.GetAsync(memberId, Ct)).NotifyOnNewProducts);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task The_language_in_use_is_kept_until_the_member_chooses_one(DatabaseProvider provider)
    {
        var (store, memberId) = await MemberAsync(provider, categories: null);

        Assert.True(await store.AdoptCultureAsync(memberId, "ko", Ct));
        Assert.Equal("ko", (await store.GetAsync(memberId, Ct)).Culture);

        Assert.True(await store.SaveAsync(memberId, [], "en", Ct));
        Assert.True(await store.AdoptCultureAsync(memberId, "ko", Ct));
        Assert.Equal("en", (await store.GetAsync(memberId, Ct)).Culture);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_language_switch_replaces_even_a_chosen_language_and_keeps_the_alerts(DatabaseProvider provider)
    {
        var (store, memberId) = await MemberAsync(provider, [ProductCategory.Concert], "en");

        Assert.True(await store.PreferCultureAsync(memberId, "ko", Ct));
        Assert.Equal("ko", (await store.GetAsync(memberId, Ct)).Culture);

        Assert.True(await store.PreferCultureAsync(memberId, "en", Ct));
        var preferences = await store.GetAsync(memberId, Ct);
        Assert.Equal("en", preferences.Culture);
        Assert.Equal([ProductCategory.Concert], preferences.Categories);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Changes_for_a_member_who_does_not_exist_are_refused(DatabaseProvider provider)
    {
        var store = (await databases.GetAsync(provider)).Services.GetRequiredService<MemberPreferencesStore>();

        Assert.False(await store.UnsubscribeAsync(Guid.NewGuid().ToString(), ProductCategory.Concert, Ct));
        Assert.False(await store.AdoptCultureAsync(Guid.NewGuid().ToString(), "ko", Ct));
        Assert.False(await store.PreferCultureAsync(Guid.NewGuid().ToString(), "ko", Ct));
    }

    private async Task<(MemberPreferencesStore Store, string MemberId)> MemberAsync(DatabaseProvider provider, ProductCategory[]? categories, string? culture = null)
    {
        var node = (await databases.GetAsync(provider)).Services;
        var email = await AlertData.MemberAsync(node, categories, culture);
        var memberId = await ReadAsync(node, db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        return (node.GetRequiredService<MemberPreferencesStore>(), memberId);
    }
}

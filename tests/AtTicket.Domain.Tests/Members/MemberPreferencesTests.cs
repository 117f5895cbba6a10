using AtTicket.Domain.Catalog;
using AtTicket.Domain.Common;
using AtTicket.Domain.Members;

namespace AtTicket.Domain.Tests.Members;

public class MemberPreferencesTests
{
    [Fact]
    public void New_preferences_ask_for_no_mail()
    {
        var preferences = new MemberPreferences("member-1");

        Assert.Equal("member-1", preferences.MemberId);
        Assert.False(preferences.NotifyOnNewProducts);
        Assert.Empty(preferences.Categories);
        Assert.Null(preferences.Culture);
    }

    [Fact]
    public void Subscribe_turns_on_mail_for_each_category_once_in_order()
    {
        var preferences = new MemberPreferences("member-1");

        preferences.Subscribe([ProductCategory.Movie, ProductCategory.Concert, ProductCategory.Movie]);

        Assert.True(preferences.NotifyOnNewProducts);
        Assert.Equal([ProductCategory.Concert, ProductCategory.Movie], preferences.Categories);
    }

    [Fact]
    public void Subscribe_replaces_the_earlier_categories()
    {
        var preferences = new MemberPreferences("member-1");
        preferences.Subscribe([ProductCategory.Concert, ProductCategory.Musical]);

        preferences.Subscribe([ProductCategory.Movie]);

        Assert.Equal([ProductCategory.Movie], preferences.Categories);
    }

    [Fact]
    public void Subscribe_to_no_category_turns_mail_off()
    {
        var preferences = new MemberPreferences("member-1");
        preferences.Subscribe([ProductCategory.Concert]);

        preferences.Subscribe([]);

        Assert.False(preferences.NotifyOnNewProducts);
        Assert.Empty(preferences.Categories);
    }

    [Fact]
    public void Unsubscribe_turns_mail_off_and_forgets_the_categories()
    {
        var preferences = new MemberPreferences("member-1");
        preferences.Subscribe([ProductCategory.Concert, ProductCategory.Movie]);

        preferences.Unsubscribe();

        Assert.False(preferences.NotifyOnNewProducts);
        Assert.Empty(preferences.Categories);
    }

    [Fact]
    public void Unsubscribing_from_one_category_keeps_the_others()
    {
        var preferences = new MemberPreferences("member-1");
        preferences.Subscribe([ProductCategory.Concert, ProductCategory.Movie]);

        preferences.Unsubscribe(ProductCategory.Concert);

        Assert.Equal([ProductCategory.Movie], preferences.Categories);
        Assert.True(preferences.WantsToHearAbout(ProductCategory.Movie));
        Assert.False(preferences.WantsToHearAbout(ProductCategory.Concert));
    }

    [Fact]
    public void Unsubscribing_from_the_last_category_turns_mail_off()
    {
        var preferences = new MemberPreferences("member-1");
        preferences.Subscribe([ProductCategory.Concert]);

        preferences.Unsubscribe(ProductCategory.Concert);

        Assert.False(preferences.NotifyOnNewProducts);
        Assert.Empty(preferences.Categories);
    }

    [Fact]
    public void AdoptCulture_sets_the_language_until_the_member_chooses_one()
    {
        var preferences = new MemberPreferences("member-1");

        preferences.AdoptCulture("ko");
        preferences.AdoptCulture("en");

        Assert.Equal("ko", preferences.Culture);
    }

    [Fact]
    public void PreferCulture_replaces_the_language_each_time_the_member_switches()
    {
        var preferences = new MemberPreferences("member-1");

        preferences.AdoptCulture("en");
        preferences.PreferCulture("ko");
        Assert.Equal("ko", preferences.Culture);

        preferences.PreferCulture("en");
        Assert.Equal("en", preferences.Culture);
    }

    [Fact]
    public void AdoptCulture_ignores_an_unsupported_language()
    {
        var preferences = new MemberPreferences("member-1");

        preferences.AdoptCulture("fr");

        Assert.Null(preferences.Culture);
    }

    [Fact]
    public void WantsToHearAbout_a_subscribed_category()
    {
        var preferences = new MemberPreferences("member-1");
        preferences.Subscribe([ProductCategory.Musical]);

        Assert.True(preferences.WantsToHearAbout(ProductCategory.Musical));
    }

    [Fact]
    public void WantsToHearAbout_no_category_it_did_not_subscribe_to()
    {
        var preferences = new MemberPreferences("member-1");
        preferences.Subscribe([ProductCategory.Musical]);

        Assert.False(preferences.WantsToHearAbout(ProductCategory.Concert));
    }

    [Fact]
    public void WantsToHearAbout_nothing_after_unsubscribing()
    {
        var preferences = new MemberPreferences("member-1");
        preferences.Subscribe([ProductCategory.Musical]);
        preferences.Unsubscribe();

        Assert.False(preferences.WantsToHearAbout(ProductCategory.Musical));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ko")]
    public void PreferCulture_keeps_a_supported_culture(string culture)
    {
        var preferences = new MemberPreferences("member-1");

        preferences.PreferCulture(culture);

        Assert.Equal(culture, preferences.Culture);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fr")]
    [InlineData("ja")]
    public void PreferCulture_forgets_the_choice_for_an_unsupported_culture(string? culture)
    {
        var preferences = new MemberPreferences("member-1");
        preferences.PreferCulture("ko");

        preferences.PreferCulture(culture);

        Assert.Null(preferences.Culture);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Preferences_need_a_member(string? memberId)
    {
        Assert.Throws<DomainException>(() => new MemberPreferences(memberId!));
    }

    [Fact]
    public void Subscribe_refuses_an_unknown_category()
    {
        var preferences = new MemberPreferences("member-1");

        Assert.Throws<DomainException>(() => preferences.Subscribe([ProductCategory.Concert, (ProductCategory)99]));
        Assert.Empty(preferences.Categories);
    }
}

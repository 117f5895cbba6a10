using AtTicket.Domain.Catalog;
using AtTicket.Infrastructure.Members;
using AtTicket.Web.Components.Notifications;
using AtTicket.Web.Tests.Components.Performances;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AtTicket.Web.Tests.Notifications;

/// <summary>The preferences page on a copy of the demo database, with a signed-in customer.</summary>
public sealed class NotificationSettingsTests(DemoDatabaseTemplate template)
    : PerformancePageContext(template), IClassFixture<DemoDatabaseTemplate>
{
    private MemberPreferencesStore Store => Services.GetRequiredService<MemberPreferencesStore>();

    [Fact]
    public async Task Shows_the_saved_choices_and_saves_changes_with_a_confirmation()
    {
        using var culture = new CultureScope("en");
        Assert.True(await Store.SaveAsync(MemberId, [ProductCategory.Concert], "ko", Cancellation));
        var snackbars = Render<MudSnackbarProvider>();
        var page = RenderSettings();
        Assert.True(Checked(Checkbox(page, ProductCategory.Concert)));
        Assert.False(Checked(Checkbox(page, ProductCategory.Movie)));
        Assert.True(Checked(page.Find("input[data-testid=culture-ko]")));

        Checkbox(page, ProductCategory.Movie).Change(true);
        Checkbox(page, ProductCategory.Concert).Change(false);
        page.Find("input[data-testid=culture-en]").Click();
        await page.Find("[data-testid=preferences-form]").SubmitAsync();

        snackbars.WaitForAssertion(() => Assert.Contains("Your mail preferences are saved.", snackbars.Markup), LoadLimit);
        var saved = await Store.GetAsync(MemberId, Cancellation);
        Assert.Equal([ProductCategory.Movie], saved.Categories);
        Assert.Equal("en", saved.Culture);
    }

    [Fact]
    public void A_member_who_never_chose_sees_nothing_ticked_and_their_page_language_as_the_mail_language()
    {
        using var culture = new CultureScope("ko");

        var page = RenderSettings();

        Assert.Equal("메일 설정", page.Find("h1").TextContent.Trim());
        Assert.All(Enum.GetValues<ProductCategory>(), c => Assert.False(Checked(Checkbox(page, c))));
        Assert.Contains("콘서트", Checkbox(page, ProductCategory.Concert).Closest("label")!.TextContent);
        Assert.True(Checked(page.Find("input[data-testid=culture-ko]")));
    }

    [Fact]
    public void Every_choice_is_a_native_input_with_its_label_so_the_keyboard_reaches_it()
    {
        using var culture = new CultureScope("en");

        var page = RenderSettings();

        var inputs = page.FindAll("[data-testid=preferences-form] input");
        Assert.Equal(Enum.GetValues<ProductCategory>().Length + 2, inputs.Count);
        Assert.All(inputs, i => Assert.NotNull(i.Closest("label")));
        Assert.All(inputs, i => Assert.NotEqual("-1", i.GetAttribute("tabindex")));
        Assert.Equal("submit", page.Find("[data-testid=save-preferences]").GetAttribute("type"));
    }

    private IRenderedComponent<NotificationSettings> RenderSettings()
    {
        var page = Render<NotificationSettings>();
        page.WaitForElement("[data-testid=preferences-form]", LoadLimit);
        return page;
    }

    private static bool Checked(AngleSharp.Dom.IElement input) => ((AngleSharp.Html.Dom.IHtmlInputElement)input).IsChecked;

    private static AngleSharp.Dom.IElement Checkbox(IRenderedComponent<NotificationSettings> page, ProductCategory category) =>
        page.Find($"input[type=checkbox][data-testid=category-{category}]");
}

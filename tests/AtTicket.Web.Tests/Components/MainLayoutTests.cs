using System.Security.Claims;
using AtTicket.Infrastructure.Identity;
using AtTicket.Web.Components.Account;
using AtTicket.Web.Components.Holds;
using AtTicket.Web.Components.Layout;
using Bunit;
using Bunit.TestDoubles;
using MudBlazor;

namespace AtTicket.Web.Tests.Components;

/// <summary>The layout around every page: navigation by role, and who is logged in.</summary>
public sealed class MainLayoutTests : BunitContext
{
    private readonly BunitAuthorizationContext _auth;

    public MainLayoutTests()
    {
        this.AddAppServices();
        _auth = AddAuthorization();

        // The hold banner reads the member's holds from the database; its own tests are the browser tests.
        ComponentFactories.AddStub<HoldBanner>();
    }

    [Fact]
    public void Admin_sees_the_dashboard_link()
    {
        _auth.SetAuthorized("admin@atticket.local");
        _auth.SetRoles(Roles.Admin);

        var layout = RenderLayout();

        var dashboard = Assert.Single(layout.FindAll("a[href='/admin']"));
        Assert.Equal("Dashboard", dashboard.TextContent.Trim());
        Assert.Contains("Administration", layout.Markup);
    }

    [Fact]
    public void Customer_does_not_see_the_dashboard_link()
    {
        _auth.SetAuthorized("minji@atticket.local");
        _auth.SetRoles(Roles.Customer);

        var layout = RenderLayout();

        Assert.Empty(layout.FindAll("a[href='/admin']"));
        Assert.DoesNotContain("Administration", layout.Markup);
        Assert.Single(layout.FindAll("a[href='/Account/Manage/ChangePassword']"));
        Assert.Single(layout.FindAll("a[href='/Account/Manage/Email']"));
    }

    [Fact]
    public void Anonymous_visitor_sees_neither_the_dashboard_nor_the_account_links()
    {
        _auth.SetNotAuthorized();

        var layout = RenderLayout();

        Assert.Empty(layout.FindAll("a[href='/admin']"));
        Assert.Empty(layout.FindAll("a[href='/Account/Manage/ChangePassword']"));
        Assert.Empty(layout.FindAll("a[href='/Account/Manage/Email']"));
        Assert.Empty(layout.FindAll("[data-testid='member-name']"));
        Assert.Single(layout.FindAll("a[href='/Account/Register']"));
    }

    [Fact]
    public void App_bar_shows_the_members_display_name()
    {
        _auth.SetAuthorized("minji@atticket.local");
        _auth.SetRoles(Roles.Customer);
        _auth.SetClaims(new Claim(ClaimNames.DisplayName, "Kim Minji"));

        var layout = RenderLayout();

        Assert.Equal("Kim Minji", layout.Find(".mud-appbar [data-testid='member-name']").TextContent.Trim());
        Assert.Single(layout.FindAll("form[action='/Account/Logout']"));
    }

    [Fact]
    public void App_bar_falls_back_to_the_user_name_without_a_display_name()
    {
        _auth.SetAuthorized("jun@atticket.local");

        var layout = RenderLayout();

        Assert.Equal("jun@atticket.local", layout.Find("[data-testid='member-name']").TextContent.Trim());
    }

    [Fact]
    public void Layout_renders_the_page_body()
    {
        _auth.SetNotAuthorized();

        var layout = RenderLayout();

        Assert.Equal("The page", layout.Find("#page-body").TextContent);
    }

    [Fact]
    public void Without_a_chosen_theme_the_layout_follows_the_devices_dark_setting_and_its_changes()
    {
        _auth.SetNotAuthorized();
        JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(true);

        var layout = RenderLayout(new UiPreferences(DarkMode: false, FollowsSystem: true));

        layout.WaitForAssertion(() => Assert.Single(layout.FindAll(".mud-layout.theme-dark")));
        Assert.Equal("Light theme", layout.Find(".mud-appbar a[href^='/preferences/theme']").GetAttribute("aria-label"));

        // The device turns light again (sunrise): the page follows without a reload.
        var provider = layout.FindComponent<MudThemeProvider>();
        layout.InvokeAsync(() => provider.Instance.SystemDarkModeChangedAsync(false));
        layout.WaitForAssertion(() => Assert.Empty(layout.FindAll(".mud-layout.theme-dark")));
    }

    [Fact]
    public void A_chosen_light_theme_stays_light_on_a_dark_device()
    {
        _auth.SetNotAuthorized();
        JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(true);

        var layout = RenderLayout(new UiPreferences(DarkMode: false, FollowsSystem: false));

        Assert.Empty(layout.FindAll(".mud-layout.theme-dark"));
        Assert.Empty(JSInterop.Invocations["mudThemeProvider.isDarkMode"]);
    }

    [Fact]
    public void A_chosen_dark_theme_is_dark_from_the_first_render()
    {
        _auth.SetNotAuthorized();

        var layout = RenderLayout(new UiPreferences(DarkMode: true));

        Assert.Single(layout.FindAll(".mud-layout.theme-dark"));
    }

    private IRenderedComponent<MainLayout> RenderLayout(UiPreferences? preferences = null)
    {
        using var english = new CultureScope("en");
        return Render<MainLayout>(p => p
            .AddCascadingValue(preferences ?? new UiPreferences(DarkMode: false))
            .Add(l => l.Body, "<p id=\"page-body\">The page</p>"));
    }
}

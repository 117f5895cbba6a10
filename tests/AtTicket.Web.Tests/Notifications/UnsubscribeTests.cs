using System.Net;
using System.Text.RegularExpressions;
using AtTicket.Domain.Catalog;
using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Mail.Alerts;
using AtTicket.Infrastructure.Members;
using AtTicket.Infrastructure.Messaging;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Web.Tests.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Notifications;

/// <summary>The unsubscribe link of an alert, through the real app: ask on GET, act on POST, refuse forged tokens kindly.</summary>
public sealed partial class UnsubscribeTests(TestApp app) : IClassFixture<TestApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Opening_the_link_asks_first_and_changes_nothing()
    {
        var memberId = await SubscriberAsync(ProductCategory.Concert, ProductCategory.Musical);
        using var browser = app.NewBrowser();

        var page = await browser.GetPageAsync(PageLink(memberId, ProductCategory.Concert));

        Assert.Equal("Stop the on-sale alerts about Concert?", page.QuerySelector("[data-testid=unsubscribe-question]")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("form button[type=submit][name=scope][value=category]"));
        Assert.NotNull(page.QuerySelector("form button[type=submit][name=scope][value=all]"));
        Assert.Equal([ProductCategory.Concert, ProductCategory.Musical], await CategoriesAsync(memberId));
    }

    [Fact]
    public async Task Posting_the_page_stops_that_category_only()
    {
        var memberId = await SubscriberAsync(ProductCategory.Concert, ProductCategory.Musical);
        using var browser = app.NewBrowser();

        using var response = await browser.SubmitFormAsync(PageLink(memberId, ProductCategory.Concert), "unsubscribe", Scope("category"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Equal("You will no longer get alerts about Concert.", page.QuerySelector("[data-testid=unsubscribe-done]")?.TextContent.Trim());
        Assert.Equal([ProductCategory.Musical], await CategoriesAsync(memberId));
    }

    [Fact]
    public async Task The_stop_all_button_stops_every_alert()
    {
        var memberId = await SubscriberAsync(ProductCategory.Concert, ProductCategory.Movie);
        using var browser = app.NewBrowser();

        using var response = await browser.SubmitFormAsync(PageLink(memberId, ProductCategory.Concert), "unsubscribe", Scope("all"));

        Assert.Contains("You will no longer get on-sale alerts.", Browser.VisibleText(await Browser.ParseAsync(response)));
        Assert.Empty(await CategoriesAsync(memberId));
    }

    [Fact]
    public async Task The_page_speaks_korean_to_a_korean_reader()
    {
        var memberId = await SubscriberAsync(ProductCategory.Movie);
        using var browser = app.NewBrowser();

        var page = await browser.GetPageAsync(PageLink(memberId, ProductCategory.Movie) + "&culture=ko");

        Assert.Equal("영화 판매 시작 알림을 그만 받으시겠어요?", page.QuerySelector("[data-testid=unsubscribe-question]")?.TextContent.Trim());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?token=")]
    [InlineData("?token=not-a-token")]
    [InlineData("?token=Q29uY2VydHxtZW1iZXItMQ")]
    public async Task A_missing_or_forged_token_gets_a_friendly_page(string query)
    {
        using var browser = app.NewBrowser();

        var page = await browser.GetPageAsync(AlertLinks.UnsubscribePage + query);

        Assert.NotNull(page.QuerySelector("[data-testid=unsubscribe-invalid]"));
        Assert.Empty(page.QuerySelectorAll("form button[name=scope]"));
    }

    [Fact]
    public async Task A_token_changed_in_transit_unsubscribes_nobody()
    {
        var memberId = await SubscriberAsync(ProductCategory.Concert);
        var token = Token(memberId, ProductCategory.Concert);
        var damaged = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];
        using var browser = app.NewBrowser();

        var page = await browser.GetPageAsync(AlertLinks.WithToken(AlertLinks.UnsubscribePage, damaged));
        using var oneClick = await OneClickAsync(damaged);

        Assert.NotNull(page.QuerySelector("[data-testid=unsubscribe-invalid]"));
        Assert.Equal(HttpStatusCode.BadRequest, oneClick.StatusCode);
        Assert.Equal([ProductCategory.Concert], await CategoriesAsync(memberId));
    }

    [Fact]
    public async Task One_click_post_from_a_mail_provider_unsubscribes_without_cookie_or_antiforgery()
    {
        var memberId = await SubscriberAsync(ProductCategory.Concert, ProductCategory.Movie);

        using var response = await OneClickAsync(Token(memberId, ProductCategory.Movie));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([ProductCategory.Concert], await CategoriesAsync(memberId));
    }

    [Fact]
    public async Task The_one_click_address_opened_in_a_browser_shows_the_page_that_asks()
    {
        var memberId = await SubscriberAsync(ProductCategory.Concert);
        var token = Token(memberId, ProductCategory.Concert);
        using var browser = app.NewBrowser();

        using var response = await browser.GetAsync(AlertLinks.WithToken(AlertLinks.OneClickUnsubscribe, token));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AlertLinks.WithToken(AlertLinks.UnsubscribePage, token), Browser.RedirectTarget(response));
        Assert.Equal([ProductCategory.Concert], await CategoriesAsync(memberId));
    }

    [Fact]
    public async Task The_links_in_a_composed_alert_work_against_the_app()
    {
        var memberId = await SubscriberAsync(ProductCategory.Concert);
        var mail = Assert.Single(await ComposeAlertAsync(ProductCategory.Concert), m => m.To.Mailboxes.Single().Address == EmailOf(memberId));
        var listUnsubscribe = OneClickInHeader().Match(mail.Headers["List-Unsubscribe"] ?? string.Empty);
        Assert.True(listUnsubscribe.Success);
        var pageLink = PageLinkInText().Match(mail.TextBody ?? string.Empty);
        Assert.True(pageLink.Success);
        using var browser = app.NewBrowser();

        var page = await browser.GetPageAsync(new Uri(pageLink.Value).PathAndQuery);
        Assert.NotNull(page.QuerySelector("[data-testid=unsubscribe-question]"));
        using var response = await OneClickAsync(Uri.UnescapeDataString(new Uri(listUnsubscribe.Groups["url"].Value).Query["?token=".Length..]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await CategoriesAsync(memberId));
    }

    private static Dictionary<string, string> Scope(string scope) => new() { ["scope"] = scope };

    private string Token(string memberId, ProductCategory? category) =>
        app.Services.GetRequiredService<UnsubscribeTokens>().Create(new UnsubscribeRequest(memberId, category));

    private string PageLink(string memberId, ProductCategory? category) => AlertLinks.WithToken(AlertLinks.UnsubscribePage, Token(memberId, category));

    /// <summary>What a mail provider sends (RFC 8058): a POST with the one-click body and nothing else, from a client with no cookies.</summary>
    private async Task<HttpResponseMessage> OneClickAsync(string token)
    {
        using var provider = app.NewBrowser();
        return await provider.Client.PostAsync(
            AlertLinks.WithToken(AlertLinks.OneClickUnsubscribe, token),
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]),
            Ct);
    }

    /// <summary>A new member with a confirmed address who follows <paramref name="categories"/>.</summary>
    private async Task<string> SubscriberAsync(params ProductCategory[] categories)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var email = $"alerts-{Guid.NewGuid():N}@example.com";
        var member = new Member { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Alert Reader" };
        Assert.True((await members.CreateAsync(member, "Encore#2027")).Succeeded);
        Assert.True(await app.Services.GetRequiredService<MemberPreferencesStore>().SaveAsync(member.Id, categories, "en", Ct));
        return member.Id;
    }

    private string EmailOf(string memberId)
    {
        using var db = app.Services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContext();
        return db.Users.Single(u => u.Id == memberId).Email!;
    }

    private async Task<List<ProductCategory>> CategoriesAsync(string memberId) =>
        (await app.Services.GetRequiredService<MemberPreferencesStore>().GetAsync(memberId, Ct)).Categories;

    /// <summary>The alert mails for a demo product of the category, as the mail worker would ask for them.</summary>
    private async Task<List<MimeKit.MimeMessage>> ComposeAlertAsync(ProductCategory category)
    {
        Product product;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Ct))
        {
            product = await db.Products.AsNoTracking().FirstAsync(p => p.Category == category && p.Status == ProductStatus.OnSale, Ct);
        }

        var row = IntegrationEvents.OnSale(product, DateTimeOffset.UtcNow);
        var composer = app.Services.GetServices<IMailComposer>().Single(c => c.MessageType == IntegrationEvents.ProductOnSaleType);
        var mails = new List<MimeKit.MimeMessage>();
        await foreach (var mail in composer.ComposeAsync(new BusMessage(row.Id, row.Type, row.AggregateId, row.Payload, row.OccurredAt), Ct))
        {
            mails.Add(mail);
        }

        return mails;
    }

    [GeneratedRegex(@"^<(?<url>[^>]+/unsubscribe/one-click\?token=[^>]+)>$")]
    private static partial Regex OneClickInHeader();

    [GeneratedRegex(@"https?://\S+/unsubscribe\?token=\S+")]
    private static partial Regex PageLinkInText();
}

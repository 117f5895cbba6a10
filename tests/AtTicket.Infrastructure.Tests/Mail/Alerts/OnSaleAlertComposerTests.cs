using System.Text.RegularExpressions;
using AtTicket.Domain.Catalog;
using AtTicket.Infrastructure.Admin;
using AtTicket.Infrastructure.Mail.Alerts;
using AtTicket.Infrastructure.Members;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;
using static AtTicket.Infrastructure.Tests.Mail.Alerts.AlertData;

namespace AtTicket.Infrastructure.Tests.Mail.Alerts;

/// <summary>
/// The on-sale alert composer on a real database of each provider: who gets an alert, in which
/// language, what it says and how it lets the reader stop. Each test has a database of its own, as
/// the composer mails every subscriber there is.
/// </summary>
public sealed partial class OnSaleAlertComposerTests
{
    private const string PublicBaseUrl = "https://tickets.example/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Only_confirmed_members_who_follow_the_category_get_an_alert_however_many_pages_they_span(DatabaseProvider provider)
    {
        // Pages of two, so the five followers below span three pages.
        await using var database = await DatabaseAsync(provider, pageSize: 2);
        var node = database.Services;
        var followers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            followers.Add(await MemberAsync(node, [ProductCategory.Musical]));
        }

        followers.Add(await MemberAsync(node, [ProductCategory.Concert, ProductCategory.Musical], "ko"));
        var optedOut = await MemberAsync(node, [ProductCategory.Musical]);
        await UnsubscribeAsync(node, optedOut, category: null);
        var otherCategory = await MemberAsync(node, [ProductCategory.Concert]);
        var unconfirmed = await MemberAsync(node, [ProductCategory.Musical], confirmed: false);
        var neverChose = await MemberAsync(node, categories: null);
        var (_, message) = await OnSaleProductAsync(node, $"The Lantern Keeper {Unique.Suffix()}", ProductCategory.Musical);

        var mails = await ComposeAsync(node, message);

        Assert.Equal(followers.Order(), mails.Select(Recipient).Order());
        Assert.DoesNotContain(optedOut, mails.Select(Recipient));
        Assert.DoesNotContain(otherCategory, mails.Select(Recipient));
        Assert.DoesNotContain(unconfirmed, mails.Select(Recipient));
        Assert.DoesNotContain(neverChose, mails.Select(Recipient));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Each_alert_is_in_its_members_language_with_dates_venue_prices_and_an_absolute_link(DatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        var node = database.Services;
        var english = await MemberAsync(node, [ProductCategory.Concert], culture: null, displayName: "Alex Kim");
        var korean = await MemberAsync(node, [ProductCategory.Concert], "ko", displayName: "김민지");
        var title = $"Winter Jazz {Unique.Suffix()}";
        var (productId, message) = await OnSaleProductAsync(node, title, ProductCategory.Concert, venueName: $"Hanbit Hall {Unique.Suffix()}");

        var mails = (await ComposeAsync(node, message)).ToDictionary(Recipient);

        var inEnglish = mails[english];
        Assert.Equal($"Now on sale: {title}", inEnglish.Subject);
        Assert.Equal("en", inEnglish.Headers["Content-Language"]);
        Assert.Contains("Hello Alex Kim,", inEnglish.TextBody);
        Assert.Contains("Venue: Hanbit Hall", inEnglish.TextBody);
        Assert.Contains("Prices: ₩100,000 – ₩150,000", inEnglish.TextBody);
        Assert.Matches(DateRange(), inEnglish.TextBody);
        Assert.Contains($"See dates and seats: {PublicBaseUrl}products/{productId}", inEnglish.TextBody);
        Assert.Contains($"href=\"{PublicBaseUrl}products/{productId}\"", inEnglish.HtmlBody);

        var inKorean = mails[korean];
        Assert.Equal($"판매 시작: {title}", inKorean.Subject);
        Assert.Equal("ko", inKorean.Headers["Content-Language"]);
        Assert.Contains("김민지님, 안녕하세요.", inKorean.TextBody);
        Assert.Contains("가격: 100,000원 – 150,000원", inKorean.TextBody);
        Assert.Contains("콘서트 알림 그만 받기", inKorean.HtmlBody);
        Assert.Contains("<html lang=\"ko\">", inKorean.HtmlBody);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Titles_names_and_venues_are_html_encoded_in_the_alert(DatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        var node = database.Services;
        var member = await MemberAsync(node, [ProductCategory.Movie], displayName: "<img src=x onerror=alert(2)>");
        var title = $"<script>alert(1)</script> & Friends {Unique.Suffix()}";
        var (_, message) = await OnSaleProductAsync(node, title, ProductCategory.Movie, venueName: $"<b>Bold</b> Hall {Unique.Suffix()}");

        var mail = Assert.Single(await ComposeAsync(node, message));

        Assert.Equal(member, Recipient(mail));
        Assert.DoesNotContain("<script>", mail.HtmlBody);
        Assert.DoesNotContain("<img", mail.HtmlBody);
        Assert.DoesNotContain("<b>", mail.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Friends", mail.HtmlBody);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", mail.HtmlBody);
        Assert.Contains("&lt;b&gt;Bold&lt;/b&gt; Hall", mail.HtmlBody);
        Assert.Contains(title, mail.TextBody); // plain text is not markup
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Every_alert_offers_one_click_unsubscribe_for_its_member_and_category(DatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        var node = database.Services;
        var email = await MemberAsync(node, [ProductCategory.Musical, ProductCategory.Movie]);
        var memberId = await MemberIdAsync(node, email);
        var (_, message) = await OnSaleProductAsync(node, $"Moonlight Hanok {Unique.Suffix()}", ProductCategory.Musical);

        var mail = Assert.Single(await ComposeAsync(node, message));

        Assert.Equal(OnSaleAlertMail.OneClick, mail.Headers[OnSaleAlertMail.ListUnsubscribePostHeader]);
        var listUnsubscribe = mail.Headers[OnSaleAlertMail.ListUnsubscribeHeader] ?? string.Empty;
        var oneClick = OneClickLink().Match(listUnsubscribe);
        Assert.True(oneClick.Success, listUnsubscribe);
        var token = Uri.UnescapeDataString(oneClick.Groups["token"].Value);
        var tokens = node.GetRequiredService<UnsubscribeTokens>();
        Assert.Equal(new UnsubscribeRequest(memberId, ProductCategory.Musical), tokens.Read(token));
        Assert.Contains($"{PublicBaseUrl}unsubscribe?token={Uri.EscapeDataString(token)}", mail.TextBody);
        Assert.Contains($"href=\"{PublicBaseUrl}unsubscribe?token={Uri.EscapeDataString(token)}\"", mail.HtmlBody);
        Assert.Contains($"{PublicBaseUrl}account/notifications", mail.TextBody);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_product_closed_before_its_message_is_handled_is_not_announced(DatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        var node = database.Services;
        await MemberAsync(node, [ProductCategory.Concert]);
        var title = $"Encore {Unique.Suffix()}";
        var (productId, message) = await OnSaleProductAsync(node, title, ProductCategory.Concert);
        Assert.True(await node.GetRequiredService<ProductAdminService>().UpdateAsync(productId, Product(title, ProductCategory.Concert, ProductStatus.Closed), Ct));

        Assert.Empty(await ComposeAsync(node, message));
    }

    private static Task<TestDatabase> DatabaseAsync(DatabaseProvider provider, int pageSize = 500) =>
        TestDatabase.CreateMigratedAsync(provider, new Dictionary<string, string?>
        {
            ["Mail:PublicBaseUrl"] = PublicBaseUrl,
            ["Mail:AlertPageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static async Task<string> MemberIdAsync(IServiceProvider node, string email) =>
        await ReadAsync(node, db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));

    private static async Task UnsubscribeAsync(IServiceProvider node, string email, ProductCategory? category) =>
        Assert.True(await node.GetRequiredService<MemberPreferencesStore>().UnsubscribeAsync(await MemberIdAsync(node, email), category, Ct));

    [GeneratedRegex(@"^<https://tickets\.example/unsubscribe/one-click\?token=(?<token>[^>]+)>$")]
    private static partial Regex OneClickLink();

    [GeneratedRegex(@"Dates: \w{3} \d{1,2} \w{3} – \w{3} \d{1,2} \w{3}")]
    private static partial Regex DateRange();
}

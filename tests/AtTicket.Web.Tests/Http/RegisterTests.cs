using System.Net;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Seeding;

namespace AtTicket.Web.Tests.Http;

public sealed class RegisterTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Register_creates_a_customer_asks_to_check_the_mail_and_signs_nobody_in()
    {
        using var browser = app.NewBrowser();
        var email = NewEmail();

        using var response = await browser.SubmitFormAsync("/Account/Register", "register", Form("Lee Hana", email, "Encore#2026"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Contains($"We sent a mail to {email}", page.QuerySelector("[data-testid='register-sent']")?.TextContent);
        Assert.Null(page.QuerySelector("form[data-enhance], form input[name='Input.Password']"));
        Assert.Equal([Roles.Customer], await app.RolesOfAsync(email));
        using var bookings = await browser.GetAsync("/bookings");
        Assert.StartsWith("/Account/Login", Browser.RedirectTarget(bookings));
    }

    [Fact]
    public async Task Registered_member_can_log_in_with_the_new_password()
    {
        var email = NewEmail();
        using (var first = app.NewBrowser())
        {
            using var registered = await first.SubmitFormAsync("/Account/Register", "register", Form("Choi Yuna", email, "Encore#2026"));
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }

        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(email, "Encore#2026");
    }

    [Fact]
    public async Task Weak_password_shows_every_broken_password_rule_and_creates_no_account()
    {
        using var browser = app.NewBrowser();
        var email = NewEmail();

        using var response = await browser.SubmitFormAsync("/Account/Register", "register", Form("Lee Hana", email, "weak"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string[] broken =
        [
            "The password needs at least 8 characters.",
            "The password needs at least one digit (0-9).",
            "The password needs at least one symbol such as ! or #.",
            "The password needs at least one uppercase letter.",
        ];
        Assert.Equal(broken.Order(), Browser.AlertLines(await Browser.ParseAsync(response)).Order());
        Assert.False(await app.MemberExistsAsync(email));
    }

    [Fact]
    public async Task Weak_password_rules_are_in_Korean_for_a_Korean_visitor()
    {
        using var browser = app.NewBrowser();

        using var response = await browser.SubmitFormAsync("/Account/Register?culture=ko", "register", Form("이하나", NewEmail(), "weakpassword"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string[] broken =
        [
            "비밀번호에 ! 또는 # 같은 기호가 하나 이상 있어야 합니다.",
            "비밀번호에 숫자(0-9)가 하나 이상 있어야 합니다.",
            "비밀번호에 영문 대문자가 하나 이상 있어야 합니다.",
        ];
        Assert.Equal(broken.Order(), Browser.AlertLines(await Browser.ParseAsync(response)).Order());
    }

    [Fact]
    public async Task Mismatched_confirmation_is_refused_before_any_account_is_made()
    {
        using var browser = app.NewBrowser();
        var email = NewEmail();
        var form = new Dictionary<string, string>(Form("Lee Hana", email, "Encore#2026")) { ["Input.ConfirmPassword"] = "Encore#2027" };

        using var response = await browser.SubmitFormAsync("/Account/Register", "register", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The passwords do not match.", Browser.VisibleText(await Browser.ParseAsync(response)));
        Assert.False(await app.MemberExistsAsync(email));
    }

    private static string NewEmail() => $"member.{Guid.NewGuid():N}@example.com";

    private static Dictionary<string, string> Form(string name, string email, string password) => new()
    {
        ["Input.DisplayName"] = name,
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };
}

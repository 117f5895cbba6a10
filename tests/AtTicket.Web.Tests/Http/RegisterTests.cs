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
    public async Task Weak_password_shows_every_broken_password_rule_beside_the_field_and_creates_no_account()
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
        Assert.Equal(broken.Order(), FieldMessages(await Browser.ParseAsync(response)).Order());
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
        Assert.Equal(broken.Order(), FieldMessages(await Browser.ParseAsync(response)).Order());
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

    [Fact]
    public async Task A_five_character_password_is_flagged_on_the_first_submit_with_the_other_field_errors()
    {
        using var browser = app.NewBrowser();
        var form = new Dictionary<string, string>(Form(string.Empty, NewEmail(), "Ab#12"));

        using var response = await browser.SubmitFormAsync("/Account/Register", "register", form);

        var messages = FieldMessages(await Browser.ParseAsync(response));
        Assert.Contains("Enter your name.", messages);
        Assert.Contains("The password needs at least 8 characters.", messages);
    }

    [Fact]
    public async Task Registration_without_consent_to_the_privacy_terms_is_refused_and_creates_no_account()
    {
        using var browser = app.NewBrowser();
        var email = NewEmail();
        var form = new Dictionary<string, string>(Form("Lee Hana", email, "Encore#2026"));
        form.Remove("Input.AcceptPrivacyTerms");

        using var response = await browser.SubmitFormAsync("/Account/Register", "register", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Equal(["Agree to the privacy terms to create an account."], FieldMessages(page));
        Assert.Null(page.QuerySelector("[data-testid='register-sent']"));
        Assert.False(await app.MemberExistsAsync(email));
    }

    [Fact]
    public async Task The_consent_box_starts_unchecked_and_links_to_the_privacy_terms_in_Korean()
    {
        using var browser = app.NewBrowser();

        using var response = await browser.GetAsync("/Account/Register?culture=ko");

        var page = await Browser.ParseAsync(response);
        var consent = page.QuerySelector("input#consent[type='checkbox']");
        Assert.NotNull(consent);
        Assert.False(consent.HasAttribute("checked"));
        Assert.Equal("개인정보 처리방침에 동의합니다.", page.QuerySelector("label[for='consent']")?.TextContent.Trim());
        Assert.Equal("/privacy", page.QuerySelector("label[for='consent'] a")?.GetAttribute("href"));
        using var privacy = await browser.GetAsync("/privacy?culture=ko");
        Assert.Equal(HttpStatusCode.OK, privacy.StatusCode);
        Assert.Contains("개인정보 처리방침", Browser.VisibleText(await Browser.ParseAsync(privacy)));
    }

    [Fact]
    public async Task A_member_already_logged_in_is_sent_home_instead_of_seeing_the_form()
    {
        using var browser = app.NewBrowser();
        await browser.LogInSuccessfullyAsync(DemoAccounts.Jun.Email, DemoAccounts.Jun.Password);

        using var response = await browser.GetAsync("/Account/Register");

        Assert.Equal("/", Browser.RedirectTarget(response));
    }

    private static List<string> FieldMessages(AngleSharp.Dom.IDocument page) =>
        [.. page.QuerySelectorAll(".validation-message").Select(m => m.TextContent.Trim())];

    private static string NewEmail() => $"member.{Guid.NewGuid():N}@example.com";

    private static Dictionary<string, string> Form(string name, string email, string password) => new()
    {
        ["Input.DisplayName"] = name,
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
        ["Input.AcceptPrivacyTerms"] = "true",
    };
}

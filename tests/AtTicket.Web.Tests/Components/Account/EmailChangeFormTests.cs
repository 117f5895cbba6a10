using AtTicket.Web.Components.Account;
using Bunit;

namespace AtTicket.Web.Tests.Components.Account;

/// <summary>The account page's e-mail change form, with the page's sending replaced by a recorder of what it was asked.</summary>
public sealed class EmailChangeFormTests : BunitContext
{
    private readonly List<string> _asked = [];

    public EmailChangeFormTests() => this.AddAppServices();

    [Fact]
    public void Shows_the_current_address_as_text()
    {
        using var english = new CultureScope("en");

        var form = RenderForm("<b>minji</b>@atticket.local", new(EmailChangeOutcome.Sent));

        Assert.Equal("<b>minji</b>@atticket.local", form.Find(".current-email").TextContent);
        Assert.Empty(form.FindAll(".current-email b"));
    }

    [Theory]
    [InlineData("", "Enter your new e-mail address.")]
    [InlineData("not-an-address", "Enter a valid e-mail address.")]
    public void A_missing_or_malformed_address_is_refused_beside_the_field_and_nothing_is_sent(string typed, string message)
    {
        using var english = new CultureScope("en");
        var form = RenderForm("minji@atticket.local", new(EmailChangeOutcome.Sent));

        form.Find("#new-email").Change(typed);
        form.Find("form").Submit();

        Assert.Equal(message, form.Find(".validation-message").TextContent.Trim());
        Assert.Empty(_asked);
        Assert.Empty(form.FindAll("[role='status']"));
    }

    [Fact]
    public void A_sent_link_is_announced_without_saying_whether_the_address_is_free()
    {
        using var english = new CultureScope("en");
        var form = RenderForm("minji@atticket.local", new(EmailChangeOutcome.Sent));

        form.Find("#new-email").Change("  minji.new@example.com ");
        form.Find("form").Submit();

        Assert.Equal(["minji.new@example.com"], _asked);
        Assert.Equal(
            "If minji.new@example.com can be used for an account, a confirmation link is on its way to it. Your address changes when you open the link.",
            form.Find("[role='status']").TextContent.Trim());
        Assert.Equal(string.Empty, form.Find("#new-email").GetAttribute("value") ?? string.Empty);
    }

    [Fact]
    public void Too_many_requests_say_how_long_to_wait_in_korean()
    {
        using var korean = new CultureScope("ko");
        var form = RenderForm("minji@atticket.local", new(EmailChangeOutcome.TooMany, TimeSpan.FromMinutes(42.5)));

        form.Find("#new-email").Change("minji.new@example.com");
        form.Find("form").Submit();

        Assert.Equal("주소 변경 요청이 너무 많습니다. 43분 후에 다시 시도해 주세요.", form.Find("[role='alert']").TextContent.Trim());
        Assert.Empty(form.FindAll("[role='status']"));
    }

    [Fact]
    public void The_current_address_again_is_refused_beside_the_field()
    {
        using var english = new CultureScope("en");
        var form = RenderForm("minji@atticket.local", new(EmailChangeOutcome.Unchanged));

        form.Find("#new-email").Change("Minji@AtTicket.local");
        form.Find("form").Submit();

        Assert.Equal("This is already your e-mail address.", form.Find("[role='alert']").TextContent.Trim());
        Assert.Empty(form.FindAll("[role='status']"));
    }

    [Fact]
    public void The_field_is_labelled_and_the_form_is_sent_by_a_submit_button()
    {
        using var korean = new CultureScope("ko");

        var form = RenderForm("minji@atticket.local", new(EmailChangeOutcome.Sent));

        Assert.Equal("새 이메일 주소", form.Find("label[for='new-email']").TextContent.Trim());
        Assert.Equal("email", form.Find("#new-email").GetAttribute("type"));
        Assert.Equal("submit", form.Find("button").GetAttribute("type"));
        Assert.Contains("확인 링크 보내기", form.Find("button").TextContent);
    }

    private IRenderedComponent<EmailChangeForm> RenderForm(string current, EmailChangeAnswer answer) =>
        Render<EmailChangeForm>(p => p
            .Add(f => f.CurrentEmail, current)
            .Add(f => f.Send, email =>
            {
                _asked.Add(email);
                return Task.FromResult(answer);
            }));
}

using System.Globalization;
using System.Text.RegularExpressions;
using AtTicket.Infrastructure.Mail;

namespace AtTicket.Infrastructure.Tests.Mail;

public sealed partial class MailTextTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko");

    [Fact]
    public void Every_mail_text_is_written_in_English_and_Korean_with_the_same_placeholders()
    {
        var english = MailText.All(CultureInfo.InvariantCulture);
        var korean = MailText.All(Korean);

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(), korean.Keys.Order());
        Assert.All(english, e => Assert.Equal(e.Key, e.Value));
        Assert.All(korean, k =>
        {
            Assert.False(string.IsNullOrWhiteSpace(k.Value), k.Key);
            Assert.Equal(Placeholders(k.Key), Placeholders(k.Value));
        });
    }

    [Fact]
    public void A_member_without_a_language_reads_English_and_ko_reads_Korean()
    {
        Assert.Equal("Show", MailText.Get("Show", MailRecipients.CultureOf(null)));
        Assert.Equal("Show", MailText.Get("Show", MailRecipients.CultureOf("fr")));
        Assert.Equal("공연", MailText.Get("Show", MailRecipients.CultureOf("ko")));
        Assert.Equal("공연", MailText.Get("Show", MailRecipients.CultureOf("ko-KR")));
        Assert.Equal("Show", MailText.Get("Show", English));
    }

    private static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Order();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}

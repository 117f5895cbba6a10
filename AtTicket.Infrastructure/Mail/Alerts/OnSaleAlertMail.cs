using System.Net;
using System.Text;
using AtTicket.Infrastructure.Localization;
using MimeKit;

namespace AtTicket.Infrastructure.Mail.Alerts;

/// <summary>
/// Writes one subscriber's alert: HTML (inline styles, as mail clients drop style sheets) and plain
/// text, in the subscriber's language. Everything that comes from data is HTML-encoded.
/// </summary>
public sealed class OnSaleAlertMail(AlertMailOptions options, UnsubscribeTokens tokens)
{
    public const string ListUnsubscribeHeader = "List-Unsubscribe";
    public const string ListUnsubscribePostHeader = "List-Unsubscribe-Post";
    public const string OneClick = "List-Unsubscribe=One-Click";

    private const string Brand = MailBody.Brand;

    public MimeMessage Compose(OnSaleAlert alert, AlertRecipient recipient)
    {
        var text = new AlertText(CultureInfo.GetCultureInfo(recipient.Culture));
        var token = tokens.Create(new UnsubscribeRequest(recipient.MemberId, alert.Category));
        var facts = new Facts(alert, text);
        var links = new Links(
            options.Link(AlertLinks.Product(alert.ProductId)).AbsoluteUri,
            options.Link(AlertLinks.WithToken(AlertLinks.UnsubscribePage, token)).AbsoluteUri,
            options.Link(AlertLinks.WithToken(AlertLinks.OneClickUnsubscribe, token)).AbsoluteUri,
            options.Link(AlertLinks.Preferences).AbsoluteUri);

        var message = new MimeMessage();
        message.To.Add(new MailboxAddress(recipient.DisplayName, recipient.Email));
        message.Subject = text["Now on sale: {0}", alert.Title];
        message.Headers.Add(HeaderId.ContentLanguage, recipient.Culture);
        message.Headers.Add(ListUnsubscribeHeader, $"<{links.OneClick}>");
        message.Headers.Add(ListUnsubscribePostHeader, OneClick);
        message.Body = new BodyBuilder
        {
            HtmlBody = Html(alert, recipient, text, facts, links),
            TextBody = PlainText(alert, recipient, text, facts, links),
        }.ToMessageBody();
        return message;
    }

    private static string PlainText(OnSaleAlert alert, AlertRecipient recipient, AlertText text, Facts facts, Links links)
    {
        var body = new StringBuilder();
        body.AppendLine(text["Hello {0},", recipient.DisplayName]).AppendLine();
        body.AppendLine(text["Something new is on sale in {0}, a category you asked us to watch.", facts.Category]).AppendLine();
        body.AppendLine(alert.Title).AppendLine();
        foreach (var (label, value) in facts.Rows)
        {
            body.AppendLine($"{label}: {value}");
        }

        body.AppendLine().AppendLine($"{text["See dates and seats"]}: {links.Product}").AppendLine();
        body.AppendLine("--");
        body.AppendLine(text["You get this mail because you asked AtTicket for {0} alerts.", facts.Category]);
        body.AppendLine($"{text["Unsubscribe from {0} alerts", facts.Category]}: {links.Unsubscribe}");
        body.AppendLine($"{text["Mail preferences"]}: {links.Preferences}");
        return body.ToString();
    }

    private static string Html(OnSaleAlert alert, AlertRecipient recipient, AlertText text, Facts facts, Links links)
    {
        var rows = new StringBuilder();
        foreach (var (label, value) in facts.Rows)
        {
            rows.Append(CultureInfo.InvariantCulture, $"""
                <tr><th scope="row" align="left" style="padding:6px 16px 6px 0;color:#6b6b76;font-weight:600;white-space:nowrap;vertical-align:top">{E(label)}</th>
                <td style="padding:6px 0;color:#1f1f29">{E(value)}</td></tr>
                """);
        }

        return $"""
            <!DOCTYPE html>
            <html lang="{E(recipient.Culture)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(text["Now on sale: {0}", alert.Title])}</title>
            </head>
            <body style="margin:0;padding:0;background:#f3f1f6;font-family:'Segoe UI',Roboto,'Noto Sans KR','Apple SD Gothic Neo',Arial,sans-serif;line-height:1.5;word-break:keep-all;overflow-wrap:anywhere">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f1f6">
            <tr><td align="center" style="padding:24px 12px">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px;overflow:hidden">
            <tr><td style="background:{Brand};color:#ffffff;padding:16px 28px;font-size:18px;font-weight:700;letter-spacing:.3px">AtTicket</td></tr>
            <tr><td style="padding:28px 28px 8px">
            <p style="margin:0 0 16px;color:#1f1f29">{E(text["Hello {0},", recipient.DisplayName])}</p>
            <p style="margin:0 0 20px;color:#1f1f29">{E(text["Something new is on sale in {0}, a category you asked us to watch.", facts.Category])}</p>
            <p style="margin:0 0 4px"><span style="display:inline-block;padding:2px 10px;border-radius:12px;background:#f1e6f7;color:{Brand};font-size:13px;font-weight:600">{E(facts.Category)} · {E(text["Now on sale"])}</span></p>
            <h1 style="margin:8px 0 16px;font-size:24px;line-height:1.3;color:#1f1f29">{E(alert.Title)}</h1>
            <table role="presentation" cellpadding="0" cellspacing="0" style="font-size:15px;margin:0 0 24px">{rows}</table>
            <a href="{E(links.Product)}" style="display:inline-block;background:{Brand};color:#ffffff;text-decoration:none;font-weight:600;padding:12px 24px;border-radius:8px">{E(text["See dates and seats"])}</a>
            </td></tr>
            <tr><td style="padding:20px 28px 28px;font-size:13px;color:#6b6b76;border-top:1px solid #ece9f0">
            <p style="margin:0 0 8px">{E(text["You get this mail because you asked AtTicket for {0} alerts.", facts.Category])}</p>
            <p style="margin:0"><a href="{E(links.Unsubscribe)}" style="color:{Brand}">{E(text["Unsubscribe from {0} alerts", facts.Category])}</a> · <a href="{E(links.Preferences)}" style="color:{Brand}">{E(text["Mail preferences"])}</a></p>
            </td></tr>
            </table>
            </td></tr>
            </table>
            </body>
            </html>
            """;
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private sealed record Links(string Product, string Unsubscribe, string OneClick, string Preferences);

    /// <summary>The product's facts as the subscriber's language writes them.</summary>
    private sealed class Facts(OnSaleAlert alert, AlertText text)
    {
        public string Category { get; } = text[alert.Category.ToString()];

        public IEnumerable<(string Label, string Value)> Rows
        {
            get
            {
                yield return (text["Dates"], Dates());
                yield return (text["Venue"], alert.Venues.Count == 0 ? text["To be announced"] : string.Join(", ", alert.Venues));
                if (alert.LowestPrice is { } lowest && alert.HighestPrice is { } highest)
                {
                    yield return (text["Prices"], lowest == highest
                        ? Formats.Krw(lowest, text.Culture)
                        : $"{Formats.Krw(lowest, text.Culture)} – {Formats.Krw(highest, text.Culture)}");
                }
            }
        }

        private string Dates() => (alert.FirstPerformanceAt, alert.LastPerformanceAt) switch
        {
            ({ } first, { } last) when Formats.Date(first, text.Culture) == Formats.Date(last, text.Culture) => Formats.DateTime(first, text.Culture),
            ({ } first, { } last) => $"{Formats.Date(first, text.Culture)} – {Formats.Date(last, text.Culture)}",
            _ => text["To be announced"],
        };
    }
}

using System.Net;
using System.Text;
using MimeKit;

namespace AtTicket.Infrastructure.Mail;

/// <summary>
/// Writes a mail's HTML and plain-text bodies side by side, so both always say the same. Every piece
/// of data is HTML-encoded here: a title, a name or a link can never become markup in the HTML part.
/// </summary>
public sealed class MailBody
{
    private readonly StringBuilder _html = new();
    private readonly StringBuilder _text = new();
    private readonly List<MimeEntity> _images = [];

    /// <summary>The brand colour of every mail's header bar, buttons and links (the site's primary colour).</summary>
    internal const string Brand = "#6a1b9a";

    /// <summary>
    /// Mail programs keep inline styles and tables and drop much else (no stylesheet, no script, no
    /// max-width on a div in Outlook): the layout is nested tables, 560 px at most, full width on a phone.
    /// </summary>
    public MailBody(string language)
    {
        _html.Append("<!DOCTYPE html><html lang=\"").Append(Encode(language)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f3f1f6;font-family:'Segoe UI',Roboto,'Noto Sans KR','Apple SD Gothic Neo',Arial,sans-serif;color:#1f1f29;line-height:1.5;word-break:keep-all;overflow-wrap:anywhere\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f3f1f6\"><tr><td align=\"center\" style=\"padding:24px 12px\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:560px;background:#ffffff;border-radius:12px;overflow:hidden\">")
            .Append("<tr><td style=\"background:").Append(Brand).Append(";color:#ffffff;padding:16px 24px;font-size:18px;font-weight:700;letter-spacing:.3px\">AtTicket</td></tr>")
            .Append("<tr><td style=\"padding:24px\">");
    }

    public MailBody Heading(string text)
    {
        StartBlock();
        _html.Append("<h1 style=\"font-size:22px;line-height:1.3;margin:0 0 16px\">").Append(Encode(text)).Append("</h1>");
        _text.AppendLine(text).AppendLine(new string('=', Math.Min(text.Length, 60)));
        return this;
    }

    public MailBody Paragraph(string text) => StyledParagraph("margin:0 0 16px;line-height:1.5", text);

    /// <summary>Label and value pairs, as a two-column table.</summary>
    public MailBody Facts(params (string Label, string Value)[] facts)
    {
        StartBlock();
        _html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"margin:0 0 20px\">");
        foreach (var (label, value) in facts)
        {
            _html.Append("<tr><th scope=\"row\" align=\"left\" style=\"padding:6px 12px 6px 0;color:#6b6b76;font-weight:600;vertical-align:top;white-space:nowrap\">")
                .Append(Encode(label)).Append("</th><td style=\"padding:6px 0\">").Append(Encode(value)).Append("</td></tr>");
            _text.Append(label).Append(": ").AppendLine(value);
        }

        _html.Append("</table>");
        return this;
    }

    /// <summary>A button in HTML, the bare address in text (mail programs make it a link).</summary>
    public MailBody Link(string label, string url)
    {
        StartBlock();
        _html.Append("<p style=\"margin:0 0 20px\"><a href=\"").Append(Encode(url))
            .Append("\" style=\"display:inline-block;background:" + Brand + ";color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:8px;font-weight:600\">")
            .Append(Encode(label)).Append("</a></p>")
            .Append("<p style=\"margin:0 0 16px;font-size:13px;color:#6b6b76;word-break:break-all\">").Append(Encode(url)).Append("</p>");
        _text.Append(label).Append(": ").AppendLine(url);
        return this;
    }

    public MailBody Code(string code) => StyledParagraph("margin:0 0 20px;font-size:24px;font-weight:700;letter-spacing:2px;font-family:monospace", code);

    /// <summary>A paragraph of <paramref name="text"/>: styled in HTML, a line of its own in plain text.</summary>
    private MailBody StyledParagraph(string style, string text)
    {
        StartBlock();
        _html.Append("<p style=\"").Append(style).Append("\">").Append(Encode(text)).Append("</p>");
        _text.AppendLine(text);
        return this;
    }

    /// <summary>One ticket: its seat, grade and code, with the QR code as an inline PNG the HTML shows by its Content-Id.</summary>
    public MailBody Ticket(string seat, string grade, string code, byte[] qrPng, string qrAlt, string codeLabel)
    {
        var image = new MimePart("image", "png")
        {
            Content = new MimeContent(new MemoryStream(qrPng)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Inline),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = $"ticket-{code}.png",
            ContentId = MimeKit.Utils.MimeUtils.GenerateMessageId(),
        };
        _images.Add(image);
        // 128 px of QR code leave a phone's 390 px enough room for the seat and the code beside it.
        _html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"border:1px solid #e2e3ea;border-radius:10px;margin:0 0 12px\"><tr>")
            .Append("<td width=\"128\" style=\"padding:10px;width:128px;vertical-align:top\"><img src=\"cid:").Append(Encode(image.ContentId)).Append("\" width=\"128\" height=\"128\" alt=\"").Append(Encode(qrAlt)).Append("\" style=\"display:block;border:0\"></td>")
            .Append("<td style=\"padding:10px 12px 10px 4px;vertical-align:top\"><strong>").Append(Encode(seat)).Append("</strong><br>")
            .Append(Encode(grade)).Append("<br><span style=\"color:#6b6b76\">").Append(Encode(codeLabel)).Append("</span><br>")
            .Append("<code style=\"font-size:14px;word-break:break-all\">").Append(Encode(code)).Append("</code></td></tr></table>");
        _text.Append("- ").Append(seat).Append(", ").Append(grade).Append(" (").Append(codeLabel).Append(' ').Append(code).AppendLine(")");
        return this;
    }

    public MailBody Footer(string text)
    {
        _text.AppendLine().AppendLine("--").AppendLine(text);
        _html.Append("<p style=\"margin:24px 0 0;font-size:12px;color:#6b6b76\">").Append(Encode(text)).Append("</p>");
        return this;
    }

    /// <summary>The bodies (and inline images) as MIME: multipart/alternative of text and related HTML; <paramref name="attachments"/> after them.</summary>
    public MimeEntity ToMime(params MimeEntity[] attachments)
    {
        var builder = new BodyBuilder
        {
            TextBody = _text.ToString(),
            HtmlBody = _html.ToString() + "</td></tr></table></td></tr></table></body></html>",
        };
        foreach (var image in _images)
        {
            builder.LinkedResources.Add(image);
        }

        foreach (var attachment in attachments)
        {
            builder.Attachments.Add(attachment);
        }

        return builder.ToMessageBody();
    }

    /// <summary>Blocks of the text part are set apart by one empty line, however they follow each other.</summary>
    private void StartBlock()
    {
        if (_text.Length > 0)
        {
            _text.AppendLine();
        }
    }

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);
}

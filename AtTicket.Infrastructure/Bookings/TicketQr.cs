using QRCoder;

namespace AtTicket.Infrastructure.Bookings;

/// <summary>
/// QR images of ticket codes, for the ticket page, the API and the confirmation mail alike. The image
/// carries the code alone: the door looks the ticket up by it.
/// </summary>
public static class TicketQr
{
    /// <summary>A PNG of the code, about <paramref name="pixelsPerModule"/> × 25 pixels square with its quiet zone.</summary>
    public static byte[] Png(string code, int pixelsPerModule = 8)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(code, QRCodeGenerator.ECCLevel.Q);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    /// <summary>The PNG as a data URL, for an &lt;img&gt; on a page that already checked who may see it.</summary>
    public static string DataUrl(string code) => "data:image/png;base64," + Convert.ToBase64String(Png(code));
}

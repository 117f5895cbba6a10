using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace AtTicket.Infrastructure.Tests.Media;

/// <summary>Small real images made with SkiaSharp, and the tampered files an attacker would upload.</summary>
internal static class TestImages
{
    public static readonly SKColor Teal = new(0x00, 0x80, 0x80);

    public const string Html = "<html><body><script>alert(document.cookie)</script></body></html>";

    public static byte[] Encode(SKEncodedImageFormat format, int width = 8, int height = 6, SKColor? color = null)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color ?? Teal);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 100);
        return data.ToArray();
    }

    public static byte[] WithTrailingHtml(byte[] image) => [.. image, .. Encoding.ASCII.GetBytes(Html)];

    /// <summary>A PNG with a tEXt chunk (right after IHDR) whose text is script; the chunk's CRC is right, so decoders accept it.</summary>
    public static byte[] PngWithScriptText()
    {
        var png = Encode(SKEncodedImageFormat.Png);
        var data = Encoding.ASCII.GetBytes("Comment\0" + Html);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        "tEXt"u8.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        const int AfterHeader = 8 + 25; // signature, then IHDR (length, type, 13 bytes, CRC)
        return [.. png[..AfterHeader], .. chunk, .. png[AfterHeader..]];
    }

    public static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}

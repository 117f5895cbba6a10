using AtTicket.Domain.Common;
using AtTicket.Infrastructure.Media;
using SkiaSharp;
using static AtTicket.Infrastructure.Tests.Media.TestImages;

namespace AtTicket.Infrastructure.Tests.Media;

public sealed class PosterEncoderTests
{
    /// <summary>A one-pixel GIF: a real image, in a format posters may not have.</summary>
    private static readonly byte[] OnePixelGif =
    [
        .. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF,
        0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0, 0x3B,
    ];

    private static readonly byte[] PngEnd = [0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    [Fact]
    public void A_png_followed_by_html_comes_back_as_the_image_alone()
    {
        var polyglot = WithTrailingHtml(Encode(SKEncodedImageFormat.Png));
        Assert.True(Contains(polyglot, "<script>"));

        var poster = PosterEncoder.Reencode(polyglot);

        Assert.Equal("image/png", poster.ContentType);
        Assert.False(Contains(poster.Content, "<"), "no markup byte sequence survives");
        Assert.False(Contains(poster.Content, "script"));
        Assert.Equal(PngEnd, poster.Content[^PngEnd.Length..]);
        AssertTealPixels(poster.Content, 8, 6);
    }

    [Fact]
    public void A_png_with_script_in_a_text_chunk_comes_back_without_the_chunk()
    {
        var tampered = PngWithScriptText();
        using (var codec = SKCodec.Create(new MemoryStream(tampered)))
        {
            Assert.NotNull(codec); // the tampered file is a valid PNG, so only re-encoding removes the text
        }

        var poster = PosterEncoder.Reencode(tampered);

        Assert.False(Contains(poster.Content, "tEXt"));
        Assert.False(Contains(poster.Content, "script"));
        Assert.False(Contains(poster.Content, "Comment"));
        AssertTealPixels(poster.Content, 8, 6);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp")]
    public void A_photo_followed_by_html_keeps_its_format_and_loses_the_html(SKEncodedImageFormat format, string contentType)
    {
        var poster = PosterEncoder.Reencode(WithTrailingHtml(Encode(format, 16, 12)));

        Assert.Equal(contentType, poster.ContentType);
        Assert.Equal((16, 12), (poster.Width, poster.Height));
        Assert.False(Contains(poster.Content, "script"));
        using var decoded = SKBitmap.Decode(poster.Content);
        Assert.Equal((16, 12), (decoded.Width, decoded.Height));
    }

    public static TheoryData<string, byte[]> NotImages() => new()
    {
        { "html", "<html><script>alert(1)</script></html>"u8.ToArray() },
        { "text claiming to be a GIF", "GIF89a, or so it says"u8.ToArray() },
        { "a PNG signature and nothing else", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0] },
        { "a GIF", OnePixelGif },
    };

    [Theory]
    [MemberData(nameof(NotImages))]
    public void A_file_that_is_not_a_png_jpeg_or_webp_image_is_refused(string what, byte[] content)
    {
        var refusal = Assert.Throws<DomainException>(() => PosterEncoder.Reencode(content));

        Assert.True(refusal.Refusal?.Code is RefusalCode.PosterNotAnImage or RefusalCode.PosterDamaged, $"{what}: {refusal.Message}");
    }

    [Fact]
    public void A_png_cut_short_is_refused_as_damaged()
    {
        var png = Noise(64, 64);

        var refusal = Assert.Throws<DomainException>(() => PosterEncoder.Reencode(png[..(png.Length / 2)]));

        Assert.Equal(RefusalCode.PosterDamaged, refusal.Refusal?.Code);
        Assert.Equal("The poster image is damaged or incomplete.", refusal.Message);
    }

    [Fact]
    public void An_image_wider_than_the_limit_is_refused_before_it_is_decoded()
    {
        var wide = Encode(SKEncodedImageFormat.Png, PosterRules.MaxSide + 1, 1);

        var refusal = Assert.Throws<DomainException>(() => PosterEncoder.Reencode(wide));

        Assert.Equal("The poster must be at most 4096 × 4096 pixels.", refusal.Message);
    }

    [Fact]
    public void An_image_at_the_limit_is_kept()
    {
        var poster = PosterEncoder.Reencode(Encode(SKEncodedImageFormat.Png, PosterRules.MaxSide, 2));

        Assert.Equal((PosterRules.MaxSide, 2), (poster.Width, poster.Height));
    }

    /// <summary>A PNG of random pixels: its image data spans most of the file, so half of it is half an image.</summary>
    private static byte[] Noise(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(7);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((uint)random.Next() | 0xFF000000));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void AssertTealPixels(byte[] content, int width, int height)
    {
        using var decoded = SKBitmap.Decode(content);
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        Assert.Equal(Teal, decoded.GetPixel(width / 2, height / 2));
    }
}

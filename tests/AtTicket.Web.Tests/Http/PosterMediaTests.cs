using System.Net;
using AtTicket.Infrastructure.Media;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace AtTicket.Web.Tests.Http;

/// <summary>An uploaded poster as a browser fetches it: the re-encoded image, its own type, no sniffing, no script.</summary>
public sealed class PosterMediaTests(TestApp app) : IClassFixture<TestApp>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_polyglot_upload_is_served_as_a_png_without_its_html()
    {
        byte[] upload = [.. Png(), .. "<html><body><script>alert(document.cookie)</script></body></html>"u8];
        var url = await app.Services.GetRequiredService<PosterStore>().SaveAsync(new MemoryStream(upload), upload.Length, Cancellation);
        using var client = app.NewClient();

        using var response = await client.GetAsync(url, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("default-src 'none'; sandbox", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        var body = await response.Content.ReadAsByteArrayAsync(Cancellation);
        Assert.True(body.AsSpan().IndexOf("<html"u8) < 0 && body.AsSpan().IndexOf("script"u8) < 0, "the served poster still holds the html");
        using var decoded = SKBitmap.Decode(body);
        Assert.Equal((6, 8), (decoded.Width, decoded.Height));
    }

    private static byte[] Png()
    {
        using var bitmap = new SKBitmap(6, 8);
        bitmap.Erase(SKColors.Teal);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}

using AtTicket.Infrastructure.Media;
using AtTicket.Web.Components.Admin.Products;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace AtTicket.Web.Tests.Admin.Products;

public sealed class PosterFieldTests : ProductPagesContext
{
    private static readonly byte[] PngHeader = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    [Fact]
    public void An_uploaded_png_becomes_the_shown_poster()
    {
        var page = RenderProductEditor();
        page.WaitForElement("[data-testid=poster-preview]");

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Png(), "poster.png", contentType: "image/png"));

        page.WaitForAssertion(() => Assert.StartsWith("/media/posters/", page.Find("[data-testid=poster-preview]").GetAttribute("src")));
        Assert.Empty(page.FindAll("[data-testid=poster-error]"));
    }

    [Fact]
    public async Task A_png_followed_by_html_is_stored_without_the_html()
    {
        var page = RenderProductEditor();
        page.WaitForElement("[data-testid=poster-preview]");

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(
            [.. Png(), .. "<html><script>alert(1)</script></html>"u8], "poster.png", contentType: "image/png"));

        page.WaitForAssertion(() => Assert.StartsWith("/media/posters/", page.Find("[data-testid=poster-preview]").GetAttribute("src")));
        var url = page.Find("[data-testid=poster-preview]").GetAttribute("src")!;
        var stored = await Services.GetRequiredService<PosterStore>().FindAsync(Guid.ParseExact(url["/media/posters/".Length..], "N"), Xunit.TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
        Assert.Equal("image/png", stored.ContentType);
        Assert.True(stored.Content.AsSpan().IndexOf("<script>"u8) < 0, "the stored poster still holds the script");
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_refused_beside_the_field()
    {
        var page = RenderProductEditor();
        page.WaitForElement("[data-testid=poster-preview]");

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("GIF89a, or so it says", "poster.gif", contentType: "image/gif"));

        page.WaitForAssertion(() => Assert.Equal("The poster must be a PNG, JPEG or WebP image.", page.Find("[data-testid=poster-error]").TextContent.Trim()));
        Assert.Equal("/posters/placeholder.svg", page.Find("[data-testid=poster-preview]").GetAttribute("src"));
    }

    [Fact]
    public void A_png_header_with_nothing_behind_it_is_refused_in_Korean()
    {
        using var korean = new CultureScope("ko-KR");
        var page = RenderProductEditor();
        page.WaitForElement("[data-testid=poster-preview]");

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(PngHeader, "poster.png", contentType: "image/png"));

        page.WaitForAssertion(() => Assert.Equal("포스터는 PNG, JPEG, WebP 이미지여야 합니다.", page.Find("[data-testid=poster-error]").TextContent.Trim()));
    }

    [Fact]
    public void An_image_over_the_pixel_limit_is_refused_with_the_limit_in_Korean()
    {
        using var korean = new CultureScope("ko-KR");
        var page = RenderProductEditor();
        page.WaitForElement("[data-testid=poster-preview]");

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Png(PosterRules.MaxSide + 1, 1), "wide.png", contentType: "image/png"));

        page.WaitForAssertion(() => Assert.Equal("포스터는 4096 × 4096픽셀 이하여야 합니다.", page.Find("[data-testid=poster-error]").TextContent.Trim()));
    }

    [Fact]
    public void A_poster_over_2_MB_is_refused_beside_the_field()
    {
        var page = RenderProductEditor();
        page.WaitForElement("[data-testid=poster-preview]");
        var tooBig = new byte[2 * 1024 * 1024 + 1];
        PngHeader.CopyTo(tooBig, 0);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(tooBig, "huge.png", contentType: "image/png"));

        page.WaitForAssertion(() => Assert.Equal("The poster must be at most 2 MB.", page.Find("[data-testid=poster-error]").TextContent.Trim()));
    }

    private static byte[] Png(int width = 6, int height = 8)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.Teal);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}

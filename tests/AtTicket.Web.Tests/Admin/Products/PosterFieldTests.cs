using AtTicket.Web.Components.Admin.Products;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components.Forms;

namespace AtTicket.Web.Tests.Admin.Products;

public sealed class PosterFieldTests : ProductPagesContext
{
    private static readonly byte[] PngHeader = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    [Fact]
    public void An_uploaded_png_becomes_the_shown_poster()
    {
        var page = RenderProductEditor();
        page.WaitForElement("[data-testid=poster-preview]");

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(PngHeader, "poster.png", contentType: "image/png"));

        page.WaitForAssertion(() => Assert.StartsWith("/media/posters/", page.Find("[data-testid=poster-preview]").GetAttribute("src")));
        Assert.Empty(page.FindAll("[data-testid=poster-error]"));
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
    public void A_poster_over_2_MB_is_refused_beside_the_field()
    {
        var page = RenderProductEditor();
        page.WaitForElement("[data-testid=poster-preview]");
        var tooBig = new byte[2 * 1024 * 1024 + 1];
        PngHeader.CopyTo(tooBig, 0);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(tooBig, "huge.png", contentType: "image/png"));

        page.WaitForAssertion(() => Assert.Equal("The poster must be at most 2 MB.", page.Find("[data-testid=poster-error]").TextContent.Trim()));
    }
}

using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests;

/// <summary>
/// An admin uploads posters in Chromium: a PNG with HTML behind it shows as the image and is served
/// without the HTML; a file that is no image is refused beside the field, in English and Korean.
/// </summary>
public sealed class PosterUploadTests(AppProcess app, ChromiumBrowser chromium) : BrowserTest(app, chromium)
{
    /// <summary>A 2 × 2 PNG (teal), then HTML: what a magic-byte check alone would store and serve.</summary>
    private static readonly byte[] Polyglot =
    [
        .. Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEElEQVR4nGNgaGj4D8YwBgBB9Af90KsqcgAAAABJRU5ErkJggg=="),
        .. Encoding.ASCII.GetBytes("<html><body><script>alert(document.cookie)</script></body></html>"),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task A_polyglot_poster_is_shown_and_served_as_pixels_and_a_non_image_is_refused_in_both_languages(bool phone) => InBrowserAsync(async page =>
    {
        var device = phone ? "phone" : "desktop";
        await page.GotoAsync("/admin/products/new");
        await SubmitLoginAsync(page, Demo.AdminEmail, Demo.AdminPassword);
        await Expect(page).ToHaveURLAsync(App.BaseUrl + "/admin/products/new");
        await WaitForCircuitAsync(page);

        var preview = page.GetByTestId("poster-preview");
        // A file chosen before the upload component's script has wired the input is lost: choose it again then.
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator(".poster-field input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "poster.png", MimeType = "image/png", Buffer = Polyglot });
            try
            {
                await Expect(preview).ToHaveAttributeAsync("src", new Regex("^/media/posters/[0-9a-f]{32}$"), new() { Timeout = 5_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                Log($"upload attempt {attempt} was not taken up; choosing the file again");
            }
        }

        await Expect(page.GetByText("PNG, JPEG or WebP, at most 2 MB and 4096 × 4096 pixels.")).ToBeVisibleAsync();
        // The address is set before the browser has fetched and decoded the picture: wait for it (CI once checked too soon).
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth === 2", await preview.ElementHandleAsync(), new() { Timeout = 10_000 });
        await ScreenshotAsync(page, $"poster-{device}-en-uploaded.png");

        var served = await page.APIRequest.GetAsync((await preview.GetAttributeAsync("src"))!);
        Assert.Equal(200, served.Status);
        Assert.Equal("image/png", served.Headers["content-type"]);
        Assert.Equal("nosniff", served.Headers["x-content-type-options"]);
        var body = await served.BodyAsync();
        Assert.True(body.AsSpan().IndexOf("script"u8) < 0, "the served poster still holds the script");

        await page.Locator(".poster-field input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "poster.png", MimeType = "image/png", Buffer = Encoding.ASCII.GetBytes("<svg onload=alert(1)>") });
        await Expect(page.GetByTestId("poster-error")).ToHaveTextAsync("The poster must be a PNG, JPEG or WebP image.");
        await ScreenshotAsync(page, $"poster-{device}-en-refused.png");

        await GotoAsync(page, "/preferences/culture?culture=ko&redirectUri=%2Fadmin%2Fproducts%2Fnew");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
        await WaitForCircuitAsync(page);
        await Expect(page.GetByText("PNG, JPEG, WebP, 최대 2MB, 4096 × 4096픽셀까지.")).ToBeVisibleAsync();
        await page.Locator(".poster-field input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "poster.txt", MimeType = "text/plain", Buffer = Encoding.ASCII.GetBytes("not an image") });
        await Expect(page.GetByTestId("poster-error")).ToHaveTextAsync("포스터는 PNG, JPEG, WebP 이미지여야 합니다.");
        await ScreenshotAsync(page, $"poster-{device}-ko-refused.png");
    }, phone);
}

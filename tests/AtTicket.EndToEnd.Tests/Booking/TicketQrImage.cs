using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtTicket.EndToEnd.Tests.Booking;

/// <summary>
/// A ticket's QR image as the browser got it: a PNG data URL that the browser decoded into a square
/// picture. No QR decoder package is available to the tests; where zbarimg is installed (Debian's
/// zbar-tools) the image is also read back and must carry the ticket's code.
/// </summary>
internal static partial class TicketQrImage
{
    private const string DataUrlPrefix = "data:image/png;base64,";
    private const string Zbarimg = "/usr/bin/zbarimg";
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A ticket code: 16 characters from the 32-letter alphabet without look-alikes.</summary>
    [GeneratedRegex("^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{16}$")]
    public static partial Regex Code();

    public static async Task ExpectAsync(ILocator image, string code)
    {
        await Expect(image).ToBeVisibleAsync();
        var source = await image.GetAttributeAsync("src") ?? string.Empty;
        Assert.StartsWith(DataUrlPrefix, source, StringComparison.Ordinal);
        var png = Convert.FromBase64String(source[DataUrlPrefix.Length..]);
        Assert.True(png.AsSpan().StartsWith(PngSignature), $"The QR image of ticket {code} is not a PNG (it starts {Convert.ToHexString(png.AsSpan(0, Math.Min(8, png.Length)))}).");

        // The browser decoded it: a square of real pixels, not a broken-image icon.
        var size = await image.EvaluateAsync<int[]>("i => i.complete ? [i.naturalWidth, i.naturalHeight] : [0, 0]");
        Assert.True(size[0] >= 100 && size[0] == size[1], $"The QR image of ticket {code} is {size[0]}x{size[1]} pixels.");

        if (await DecodeAsync(png) is { } decoded)
        {
            Assert.Equal(code, decoded);
            TestContext.Current.TestOutputHelper?.WriteLine($"zbarimg read {decoded} from the QR image of ticket {code}.");
        }
    }

    /// <summary>What the QR code says, or null when zbarimg is not installed.</summary>
    private static async Task<string?> DecodeAsync(byte[] png)
    {
        if (!File.Exists(Zbarimg))
        {
            // scripts/test.sh installs it and promises it; by hand, the image is checked but not read.
            Assert.False(ServicesRequired.Promised, $"{Zbarimg} is missing although the test script installs zbar-tools.");
            TestContext.Current.TestOutputHelper?.WriteLine($"{Zbarimg} not found (apt-get install zbar-tools): the QR image was checked but not decoded.");
            return null;
        }

        var file = Path.Combine(Path.GetTempPath(), $"atticket-e2e-qr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, png);
        try
        {
            var start = new ProcessStartInfo(Zbarimg)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--raw", "--quiet", file })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Zbarimg}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"zbarimg found no QR code in the ticket image (exit {process.ExitCode}): {await errors}");
            return (await output).Trim();
        }
        finally
        {
            File.Delete(file);
        }
    }
}

using System.Diagnostics;

namespace AtTicket.Infrastructure.Tests.Mail;

/// <summary>Reads a QR code back from a PNG with zbarimg (Debian's zbar-tools, which the test script installs).</summary>
internal static class QrCodes
{
    private const string Zbarimg = "/usr/bin/zbarimg";

    public static async Task<string> ReadAsync(byte[] png)
    {
        if (!File.Exists(Zbarimg))
        {
            var reason = $"{Zbarimg} is missing (apt-get install zbar-tools).";
            if (Environment.GetEnvironmentVariable("ATTICKET_REQUIRE_SERVICES") == "1")
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
        }

        var file = Path.Combine(Path.GetTempPath(), $"atticket-mail-qr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, png);
        try
        {
            var start = new ProcessStartInfo(Zbarimg) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "--raw", "--quiet", file })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Zbarimg}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, $"zbarimg found no QR code in the image (exit {process.ExitCode}): {await errors}");
            return (await output).Trim();
        }
        finally
        {
            File.Delete(file);
        }
    }
}

using System.Diagnostics;

namespace AtTicket.LoadBench.Measuring;

/// <summary>A load or calibration tool (sysbench, wrk, redis-benchmark) run to the end; fails loudly with its output.</summary>
public static class ExternalProgram
{
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, bool requireSuccess = true)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var command = program + " " + string.Join(' ', start.ArgumentList);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within {timeout.TotalSeconds:0} s.");
        }

        if (requireSuccess && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }

        return await output + await error;
    }

    /// <summary>The program's version line, or "not found".</summary>
    public static async Task<string> VersionAsync(string program, params string[] arguments)
    {
        try
        {
            var text = await RunAsync(program, arguments, TimeSpan.FromSeconds(10), requireSuccess: false);
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "?";
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            return "not found";
        }
    }
}

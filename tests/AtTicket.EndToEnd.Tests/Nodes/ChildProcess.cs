using System.Diagnostics;

namespace AtTicket.EndToEnd.Tests.Nodes;

/// <summary>
/// A service program the node tests start themselves (redis-server, nginx), in the foreground so
/// this handle is the program: its output is kept for failure messages, and <see cref="KillAsync"/>
/// ends it with its children (nginx's workers) whatever state it is in.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Lock _lock = new();

    private ChildProcess(Process process, string command)
    {
        _process = process;
        Command = command;
    }

    public string Command { get; }

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var command = fileName + " " + string.Join(' ', start.ArgumentList.Select(a => a.Length == 0 || a.Contains(' ') ? $"\"{a}\"" : a));
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process, command);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start: {command}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public string OutputTail(int lines = 40)
    {
        lock (_lock)
        {
            return string.Join('\n', _output.Skip(Math.Max(0, _output.Count - lines)));
        }
    }

    /// <summary>Kills the program and its children at once (SIGKILL, no clean shutdown) and waits for it to go.</summary>
    public Task KillAsync() => ProcessTree.KillAsync(_process);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    public override string ToString() => Command;

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _output.Add(line);
        }
    }
}

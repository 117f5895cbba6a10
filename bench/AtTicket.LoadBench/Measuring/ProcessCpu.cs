using System.Globalization;
using System.Runtime.InteropServices;

namespace AtTicket.LoadBench.Measuring;

/// <summary>
/// CPU time of the processes under test from /proc/&lt;pid&gt;/stat (user + system), children included
/// while they run (nginx's workers), so a scenario can say how many cores each side used and how
/// much CPU one call cost it.
/// </summary>
public sealed class ProcessCpu(IReadOnlyDictionary<string, int> pids)
{
    private const int ClockTicksName = 2; // _SC_CLK_TCK
    private static readonly double TicksPerSecond = ReadTicksPerSecond();

    public IReadOnlyDictionary<string, double> Snapshot()
    {
        var seconds = pids.ToDictionary(p => p.Key, p => CpuSeconds(p.Value));
        seconds["load generator"] = CpuSeconds(Environment.ProcessId);
        return seconds;
    }

    /// <summary>Per process: cores used over the interval and CPU milliseconds per call.</summary>
    public static IReadOnlyDictionary<string, CpuUse> Between(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after, double wallSeconds, int calls) =>
        after.ToDictionary(
            p => p.Key,
            p =>
            {
                var used = p.Value - before.GetValueOrDefault(p.Key);
                return new CpuUse(Math.Round(used / wallSeconds, 2), calls > 0 ? Math.Round(used * 1000 / calls, 2) : 0);
            });

    private static double CpuSeconds(int pid)
    {
        var ticks = Ticks(pid);
        foreach (var child in Children(pid))
        {
            ticks += Ticks(child);
        }

        return ticks / TicksPerSecond;
    }

    private static long Ticks(int pid)
    {
        var fields = StatFields(pid);
        // After "pid (comm)": state is field 3; utime and stime are fields 14 and 15.
        return fields is null ? 0 : long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static IEnumerable<int> Children(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != parent
                && StatFields(pid) is { } fields && fields[1] == parent.ToString(CultureInfo.InvariantCulture))
            {
                yield return pid;
            }
        }
    }

    /// <summary>The fields after the command name (which may contain spaces): [0] state, [1] ppid, …</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double ReadTicksPerSecond()
    {
        try
        {
            return sysconf(ClockTicksName) is > 0 and var ticks ? ticks : 100;
        }
        catch (DllNotFoundException)
        {
            return 100;
        }
    }

    [DllImport("libc")]
    private static extern long sysconf(int name);
}

/// <summary>Cores a process used on average, and its CPU milliseconds per call of the scenario.</summary>
public sealed record CpuUse(double Cores, double MsPerCall);

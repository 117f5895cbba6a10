using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace AtTicket.LoadBench.Measuring;

/// <summary>A .NET process's memory: resident set (VmRSS) and the managed heap after a full, blocking GC.</summary>
public sealed record MemoryReading(double WorkingSetMiB, double? GcHeapMiB);

/// <summary>
/// Reads a node's memory from outside, the way dotnet-gcdump does: an EventPipe session with the
/// runtime's GCHeapCollect keyword makes the node run a full blocking GC, whose GCHeapStats event
/// gives the generations' sizes after it (live objects, no garbage); the resident set comes from
/// /proc afterwards.
/// </summary>
public static class NodeMemory
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<MemoryReading> ReadAsync(int pid)
    {
        var heap = await GcHeapAfterFullCollectionAsync(pid);
        return new MemoryReading(Math.Round(ResidentKiB(pid) / 1024.0, 1), heap is { } bytes ? Math.Round(bytes / 1024.0 / 1024.0, 1) : null);
    }

    /// <summary>VmRSS of the process, in KiB.</summary>
    public static long ResidentKiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static async Task<long?> GcHeapAfterFullCollectionAsync(int pid)
    {
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        EventPipeSession session;
        try
        {
            session = new DiagnosticsClient(pid).StartEventPipeSession(
                new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords), requestRundown: false);
        }
        catch (Exception exception) when (exception is ServerNotAvailableException or UnsupportedCommandException or IOException or UnauthorizedAccessException)
        {
            Console.WriteLine($"  (no EventPipe session with process {pid}: {exception.Message})");
            return null;
        }

        using (session)
        {
            var result = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var fullCollection = false;
            using var source = new EventPipeEventSource(session.EventStream);
            source.Clr.GCStart += e => fullCollection |= e.Depth == 2;
            source.Clr.GCHeapStats += e =>
            {
                if (fullCollection)
                {
                    result.TrySetResult(e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4);
                }
            };
            var processing = Task.Run(source.Process);
            try
            {
                return await result.Task.WaitAsync(Patience);
            }
            catch (TimeoutException)
            {
                return null;
            }
            finally
            {
                await session.StopAsync(CancellationToken.None);
                await processing.WaitAsync(Patience);
            }
        }
    }
}

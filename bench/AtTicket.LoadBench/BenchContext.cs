using AtTicket.LoadBench.Measuring;
using AtTicket.LoadBench.Setup;

namespace AtTicket.LoadBench;

/// <summary>What the setup made and every scenario uses.</summary>
public sealed class BenchContext(BenchOptions options, HttpClient admin, string adminToken) : IDisposable
{
    public BenchOptions Options { get; } = options;

    /// <summary>An admin's API client through nginx.</summary>
    public HttpClient Admin { get; } = admin;

    public string AdminToken { get; } = adminToken;

    /// <summary>The performance that sustained holds, fan-out and reads use; every seat available between scenarios.</summary>
    public required BenchPerformance Churned { get; init; }

    /// <summary>A fresh performance for the sell-out.</summary>
    public required BenchPerformance SellOut { get; init; }

    /// <summary>Performances of their own for M1's burst of one-seat bookings, enough seats for <see cref="BenchOptions.MailBookings"/>.</summary>
    public required IReadOnlyList<BenchPerformance> MailPerformances { get; init; }

    /// <summary>A performance of its own for the single-client profile (it books seats).</summary>
    public required BenchPerformance Profiled { get; init; }

    /// <summary>Members for the sustained holds and fan-out (one per client).</summary>
    public required IReadOnlyList<BenchMember> Churners { get; init; }

    /// <summary>Members for the sell-out (one per buyer), who have held and bought nothing yet.</summary>
    public required IReadOnlyList<BenchMember> Buyers { get; init; }

    /// <summary>Members for M1 (one per booking; the sell-out's buyers again, on other performances).</summary>
    public required IReadOnlyList<BenchMember> Bookers { get; init; }

    public required BenchMember Profiler { get; init; }

    public ProcessCpu Cpu { get; } = new(options.Pids);

    public StatementDigests Statements { get; } = new(options.Database);

    public void Dispose() => Admin.Dispose();
}

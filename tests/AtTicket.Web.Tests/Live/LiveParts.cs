using System.Diagnostics.Metrics;
using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace AtTicket.Web.Tests.Live;

/// <summary>The node's seat feed without a container, and changes to put through it.</summary>
internal static class LiveParts
{
    public static SeatFeed Feed(TimeProvider time) => new(new LiveMetrics(new TestMeterFactory()), time, NullLogger<SeatFeed>.Instance);

    /// <summary>Seat <paramref name="sequence"/> held; grade 1 has 1,000 minus the sequence seats left.</summary>
    public static SeatsChanged Change(int performanceId, long sequence, params GradeRemaining[] grades) =>
        new(
            performanceId,
            sequence,
            [new SeatStatusChange((int)sequence, SeatStatus.Held)],
            grades.Length > 0 ? grades : [new GradeRemaining(1, 1000 - (int)sequence)],
            DateTimeOffset.UtcNow);

    private sealed class TestMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}


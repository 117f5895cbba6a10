using System.Diagnostics.Metrics;
using AtTicket.Infrastructure.Live;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Live.LiveParts;

namespace AtTicket.Infrastructure.Tests.Live;

public sealed class InProcessSeatChangeBusTests
{
    [Fact]
    public async Task A_thousand_parallel_changes_of_one_performance_arrive_numbered_from_one_in_order()
    {
        var feed = Feed();
        var bus = InProcessBus(feed);
        var listener = new RecordingListener();
        using var subscription = feed.Subscribe(5, listener);
        Assert.Equal(LiveSequence.Unknown, await bus.CurrentSequenceAsync(5));

        var numbers = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(_ => Task.Run(() => bus.PublishAsync(5, Facts(), reload: false, DateTimeOffset.UtcNow))));

        var expected = Enumerable.Range(1, 1_000).Select(n => (long)n).ToList();
        Assert.Equal(expected, numbers.Order());
        Assert.Equal(expected, listener.Sequences); // in arrival order: no change overtakes another
        Assert.Equal(1_000, (await bus.CurrentSequenceAsync(5)).Sequence);
    }

    [Fact]
    public async Task Each_performance_counts_on_its_own()
    {
        var bus = InProcessBus(Feed());

        await bus.PublishAsync(1, Facts(), reload: false, DateTimeOffset.UtcNow);
        await bus.PublishAsync(1, Facts(), reload: false, DateTimeOffset.UtcNow);
        var otherFirst = await bus.PublishAsync(2, Facts(), reload: false, DateTimeOffset.UtcNow);

        Assert.Equal(
            (2L, 1L, 1L, 0L),
            ((await bus.CurrentSequenceAsync(1)).Sequence, otherFirst, (await bus.CurrentSequenceAsync(2)).Sequence, (await bus.CurrentSequenceAsync(3)).Sequence));
    }

    [Fact]
    public async Task Without_redis_the_app_wires_the_in_process_bus_and_reports_its_listeners()
    {
        await using var services = TestDatabase.BuildServices(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Database"] = "Data Source=:memory:",
        });
        var meters = services.GetRequiredService<IMeterFactory>();
        int? reported = null;
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this container's meter: other tests' feeds report under the same name.
                if (instrument.Meter.Scope == meters && instrument.Meter.Name == LiveMetrics.MeterName && instrument.Name == "atticket.live.listeners")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<int>((_, value, _, _) => reported = value);
        meterListener.Start();

        var feed = services.GetRequiredService<SeatFeed>();
        using var first = feed.Subscribe(1, new RecordingListener());
        using var second = feed.SubscribeAll(new RecordingListener());
        meterListener.RecordObservableInstruments();

        Assert.IsType<InProcessSeatChangeBus>(services.GetRequiredService<ISeatChangeBus>());
        Assert.Equal(2, reported);
    }
}

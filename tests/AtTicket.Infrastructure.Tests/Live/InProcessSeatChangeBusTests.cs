using System.Diagnostics.Metrics;
using AtTicket.Infrastructure.Live;
using Microsoft.Extensions.DependencyInjection;
using static AtTicket.Infrastructure.Tests.Live.LiveParts;

namespace AtTicket.Infrastructure.Tests.Live;

public sealed class InProcessSeatChangeBusTests
{
    [Fact]
    public async Task A_thousand_parallel_numbers_of_one_performance_run_from_one_without_gaps()
    {
        var bus = new InProcessSeatChangeBus(Feed());
        Assert.Equal(0, await bus.CurrentSequenceAsync(5));

        var numbers = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(_ => Task.Run(() => bus.NextSequenceAsync(5))));

        Assert.Equal(Enumerable.Range(1, 1_000).Select(n => (long)n), numbers.Order());
        Assert.Equal(1_000, await bus.CurrentSequenceAsync(5));
    }

    [Fact]
    public async Task Each_performance_counts_on_its_own()
    {
        var bus = new InProcessSeatChangeBus(Feed());

        await bus.NextSequenceAsync(1);
        await bus.NextSequenceAsync(1);
        var otherFirst = await bus.NextSequenceAsync(2);

        Assert.Equal((2L, 1L, 1L, 0L), (await bus.CurrentSequenceAsync(1), otherFirst, await bus.CurrentSequenceAsync(2), await bus.CurrentSequenceAsync(3)));
    }

    [Fact]
    public async Task Publishing_hands_the_change_to_this_nodes_feed()
    {
        var feed = Feed();
        var bus = new InProcessSeatChangeBus(feed);
        var listener = new RecordingListener();
        using var subscription = feed.Subscribe(9, listener);

        await bus.PublishAsync(Change(9, await bus.NextSequenceAsync(9)));

        Assert.Equal([1L], listener.Sequences);
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

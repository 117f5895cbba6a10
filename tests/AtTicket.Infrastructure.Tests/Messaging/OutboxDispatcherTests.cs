using AtTicket.Infrastructure.Telemetry;
using System.Collections.Concurrent;
using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Messaging;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static AtTicket.Infrastructure.Tests.Catalog.CatalogData;

namespace AtTicket.Infrastructure.Tests.Messaging;

/// <summary>The dispatcher on the real databases: every row leaves once, in order, and none is lost while the bus is down.</summary>
public sealed class OutboxDispatcherTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_dispatchers_on_one_MariaDB_database_publish_each_of_1000_messages_exactly_once()
    {
        var node = (await databases.GetAsync(DatabaseProvider.MySql)).Services;
        await DispatchEverythingAsync(node);
        var ids = await AddMessagesAsync(node, 1000);
        var bus = new RecordingBus();
        var first = Dispatcher(node, bus, batchSize: 20);
        var second = Dispatcher(node, bus, batchSize: 20);

        var passes = await Task.WhenAll(
            Task.Run(() => first.DispatchPendingAsync(Ct), Ct),
            Task.Run(() => second.DispatchPendingAsync(Ct), Ct));

        Assert.All(passes, p => Assert.False(p.BusFailed));
        Assert.Equal(1000, passes.Sum(p => p.Published));
        Assert.Equal(ids.Order(), bus.Published.Select(m => m.Id).Order());
        Assert.Equal(1000, bus.Published.Select(m => m.Id).Distinct().Count());
        var rows = await ReadAsync(node, db => db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(Ct));
        Assert.All(rows, r => Assert.Equal((true, (Guid?)null), (r.DispatchedAt is not null, r.ClaimedBy)));
        TestContext.Current.SendDiagnosticMessage($"first published {passes[0].Published}, second {passes[1].Published}");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task While_the_bus_is_down_messages_stay_pending_and_health_is_degraded_then_each_is_published_once_in_order(DatabaseProvider provider)
    {
        var node = (await databases.GetAsync(provider)).Services;
        await DispatchEverythingAsync(node); // what earlier tests of this database left
        var ids = await AddMessagesAsync(node, 5);
        var bus = new RecordingBus { IsDown = true };
        var health = new BusHealth();
        var dispatcher = Dispatcher(node, bus, batchSize: 2, health);

        var down = await dispatcher.DispatchPendingAsync(Ct);

        Assert.Equal(new DispatchPass(0, BusFailed: true), down);
        Assert.Equal(HealthStatus.Degraded, (await health.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
        var pending = await ReadAsync(node, db => db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.OccurredAt).ToListAsync(Ct));
        Assert.All(pending, m => Assert.Equal(((DateTimeOffset?)null, (Guid?)null), (m.DispatchedAt, m.ClaimedBy)));
        Assert.Equal((1, "The broker is away."), (pending[0].Attempts, pending[0].LastError));

        bus.IsDown = false;
        var up = await dispatcher.DispatchPendingAsync(Ct);

        Assert.Equal(new DispatchPass(5, BusFailed: false), up);
        Assert.Equal(ids, bus.Published.Select(m => m.Id));
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
    }

    private static OutboxDispatcher Dispatcher(IServiceProvider node, IMessageBus bus, int batchSize, BusHealth? health = null) =>
        new(
            new OutboxStore(node.GetRequiredService<IDbContextFactory<AtTicketDbContext>>()),
            bus,
            health ?? new BusHealth(),
            Options.Create(new OutboxOptions { BatchSize = batchSize }),
            TimeProvider.System,
            node.GetRequiredService<AtTicketMetrics>(),
            NullLogger<OutboxDispatcher>.Instance);

    private static Task DispatchEverythingAsync(IServiceProvider node) => Dispatcher(node, new RecordingBus(), 100).DispatchPendingAsync(Ct);

    /// <summary>Rows one millisecond apart, as the app writes them; the ids in order of occurrence.</summary>
    private static async Task<List<Guid>> AddMessagesAsync(IServiceProvider node, int count)
    {
        var start = DateTimeOffset.UtcNow;
        var messages = Enumerable.Range(0, count)
            .Select(i => new OutboxMessage(Guid.NewGuid(), IntegrationEvents.ProductOnSaleType, $"{i}", "{}", start.AddMilliseconds(i)))
            .ToList();
        await ReadAsync(node, db =>
        {
            db.OutboxMessages.AddRange(messages);
            return db.SaveChangesAsync(Ct);
        });
        return [.. messages.Select(m => m.Id)];
    }

    private sealed class RecordingBus : IMessageBus
    {
        private readonly ConcurrentQueue<BusMessage> _published = new();

        public volatile bool IsDown;

        public IReadOnlyList<BusMessage> Published => [.. _published];

        public Task PublishAsync(BusMessage message, CancellationToken cancellationToken)
        {
            if (IsDown)
            {
                throw new InvalidOperationException("The broker is away.");
            }

            _published.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}

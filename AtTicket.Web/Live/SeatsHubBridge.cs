using AtTicket.Domain.Live;
using AtTicket.Infrastructure.Live;
using Microsoft.AspNetCore.SignalR;

namespace AtTicket.Web.Live;

/// <summary>
/// Hands this node's seat feed to its hub clients: each change goes to the group of its performance.
/// The hub is fed from the same feed as the pages, never by a client connection to itself.
/// </summary>
public sealed class SeatsHubBridge(SeatFeed feed, IHubContext<SeatsHub> hub) : IHostedService, ISeatFeedListener
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.SubscribeAll(this);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    public Task OnSeatsChangedAsync(SeatsChanged change) =>
        hub.Clients.Group(SeatsHub.Group(change.PerformanceId)).SendAsync("SeatsChanged", SeatsChangedMessage.From(change));

    public Task OnResyncAsync() => hub.Clients.All.SendAsync("Resync");
}

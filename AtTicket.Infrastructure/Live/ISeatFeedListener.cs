namespace AtTicket.Infrastructure.Live;

/// <summary>Something on this node that shows live seat states: a seat map, a product page, the hub bridge.</summary>
public interface ISeatFeedListener
{
    /// <summary>Called in sequence order per node feed. Keep it short: queue the change and render later.</summary>
    Task OnSeatsChangedAsync(SeatsChanged change);

    /// <summary>The feed may have missed changes (the bus reconnected): reload a fresh snapshot.</summary>
    Task OnResyncAsync();
}

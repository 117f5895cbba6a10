using AtTicket.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AtTicket.Web.Telemetry;

/// <summary>Keeps "atticket.circuits.active": Blazor circuits open on this node.</summary>
internal sealed class CircuitCounter(AtTicketMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}

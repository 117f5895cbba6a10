using System.Diagnostics.Metrics;
using AtTicket.Domain.Bookings.Payments;

namespace AtTicket.Infrastructure.Telemetry;

/// <summary>
/// AtTicket's own numbers as the "AtTicket" meter: what happened to holds, payments, sales and refunds,
/// how long an outbox message waited for the bus, refunds owed and the waiting lines' sizes. OpenTelemetry
/// exports it with the live feed's "AtTicket.Live" meter; the tags are outcomes and performances, never
/// members, cards or booking numbers.
/// </summary>
public sealed class AtTicketMetrics : IDisposable
{
    public const string MeterName = "AtTicket";

    private readonly Meter _meter;
    private readonly Counter<long> _holds;
    private readonly Counter<long> _payments;
    private readonly Counter<long> _sales;
    private readonly Counter<long> _refunds;
    private readonly Histogram<double> _outboxLag;
    private readonly UpDownCounter<long> _circuits;
    private OperationsSnapshot? _operations;

    public AtTicketMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _holds = _meter.CreateCounter<long>("atticket.holds", "{hold}", "Hold attempts by outcome: held, seats_taken, rejected, not_admitted");
        _payments = _meter.CreateCounter<long>("atticket.payments", "{payment}", "Payment attempts by the processor's outcome");
        _sales = _meter.CreateCounter<long>("atticket.sales", "{booking}", "Checkouts that reached the sale step, by outcome: sold or not");
        _refunds = _meter.CreateCounter<long>("atticket.refunds", "{refund}", "Refunds asked of the processor, by result: issued or failed (a failed one stays owed and is retried)");
        _outboxLag = _meter.CreateHistogram<double>("atticket.outbox.lag", "ms", "Time from an outbox message's commit to the bus accepting it");
        _circuits = _meter.CreateUpDownCounter<long>("atticket.circuits.active", "{circuit}", "Blazor circuits open on this node");
        _circuits.Add(0); // the series exists (at 0) before the first circuit, so the dashboard shows 0, not "no data"
        _meter.CreateObservableGauge("atticket.refunds.owed", RefundsOwed, "{booking}", "Charges whose booking did not stand and whose refund has not gone through yet (the same figure on every node)");
        _meter.CreateObservableGauge("atticket.queue.waiting", () => WaitingLines(line => line.Waiting), "{member}", "Members waiting in the line of a performance");
        _meter.CreateObservableGauge("atticket.queue.admitted", () => WaitingLines(line => line.Admitted), "{member}", "Members let through the line of a performance and shopping");
    }

    public void Hold(HoldOutcome outcome) => _holds.Add(1, new KeyValuePair<string, object?>("outcome", Snake(outcome.ToString())));

    public void Payment(PaymentOutcome outcome) => _payments.Add(1, new KeyValuePair<string, object?>("outcome", Snake(outcome.ToString())));

    public void Sale(SaleOutcome outcome) => _sales.Add(1, new KeyValuePair<string, object?>("outcome", Snake(outcome.ToString())));

    public void Refund(bool issued) => _refunds.Add(1, new KeyValuePair<string, object?>("result", issued ? "issued" : "failed"));

    public void OutboxLag(TimeSpan lag) => _outboxLag.Record(Math.Max(0, lag.TotalMilliseconds));

    public void CircuitOpened() => _circuits.Add(1);

    public void CircuitClosed() => _circuits.Add(-1);

    /// <summary>The figures the gauges report from now on (see <see cref="OperationsGaugeReader"/>).</summary>
    public void Observe(OperationsSnapshot snapshot) => Volatile.Write(ref _operations, snapshot);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> RefundsOwed() =>
        Volatile.Read(ref _operations) is { } operations ? [new Measurement<long>(operations.RefundsOwed)] : [];

    private IEnumerable<Measurement<long>> WaitingLines(Func<(long Waiting, long Admitted), long> figure) =>
        Volatile.Read(ref _operations)?.WaitingLines.Select(line => new Measurement<long>(figure(line.Value), new KeyValuePair<string, object?>("performance_id", line.Key))) ?? [];

    private static string Snake(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

namespace AtTicket.Infrastructure.Telemetry;

/// <summary>The state an operator watches, read now and then from the stores: what the gauges of <see cref="AtTicketMetrics"/> report.</summary>
/// <param name="RefundsOwed">Charges whose booking did not stand and whose refund has not gone through yet.</param>
/// <param name="WaitingLines">Per performance behind a waiting line: members waiting, members admitted and shopping.</param>
public sealed record OperationsSnapshot(long RefundsOwed, IReadOnlyDictionary<int, (long Waiting, long Admitted)> WaitingLines);

namespace AtTicket.Web.Components.Admin.Performances;

/// <summary>One line of the performance list: the performance and, when known, how it sells.</summary>
public sealed record PerformanceRow(PerformanceView Performance, PerformanceSales? Sales);

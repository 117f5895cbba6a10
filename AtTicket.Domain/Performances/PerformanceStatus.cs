namespace AtTicket.Domain.Performances;

public enum PerformanceStatus
{
    Draft,
    OnSale,
    Cancelled,
}

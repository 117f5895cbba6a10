namespace AtTicket.Domain.Catalog;

public enum ProductStatus
{
    Draft,
    OnSale,
    Closed,
}

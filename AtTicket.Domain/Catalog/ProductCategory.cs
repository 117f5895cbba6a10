namespace AtTicket.Domain.Catalog;

public enum ProductCategory
{
    Concert,
    Musical,
    Movie,
}

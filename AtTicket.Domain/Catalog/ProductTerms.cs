namespace AtTicket.Domain.Catalog;

/// <summary>
/// What an admin states about a product when creating or editing it: what it is and when it is sold.
/// <see cref="Product"/> checks them together, so a product never holds half of an edit.
/// </summary>
public sealed record ProductTerms(
    string Title,
    ProductCategory Category,
    string Description,
    int RunningMinutes,
    string AgeRating,
    DateTimeOffset SalesStart,
    DateTimeOffset SalesEnd);

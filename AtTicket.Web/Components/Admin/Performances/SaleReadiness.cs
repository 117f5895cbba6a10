namespace AtTicket.Web.Components.Admin.Performances;

/// <summary>Why the schedule and edit forms cannot put a performance on sale yet, in the reader's language.</summary>
public static class SaleReadiness
{
    /// <summary>Null when every seat has a grade and the product is on sale (or its status is not known yet).</summary>
    /// <param name="L">The page's localizer, named as the pages name it so the resource tests find the sentences.</param>
    public static string? Blocker(IStringLocalizer L, int unassignedSeats, ProductStatus? productStatus) =>
        unassignedSeats > 0
            ? L.Count(unassignedSeats, "Every seat needs a grade before the performance can go on sale: {0} seat has none.", "Every seat needs a grade before the performance can go on sale: {0} seats have none.").Value
            : productStatus is { } product && !Performance.CanGoOnSaleUnder(product)
                ? L.Localize(Performance.ProductNotOnSale)
                : null;
}

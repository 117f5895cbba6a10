namespace AtTicket.Web.Components.Admin.Products;

/// <summary>How the delete dialog ended when the admin did not cancel.</summary>
public enum ProductRemoval
{
    Deleted,

    /// <summary>The product had bookings, so its sales were closed instead.</summary>
    Closed,

    /// <summary>Someone else deleted it first.</summary>
    AlreadyGone,
}

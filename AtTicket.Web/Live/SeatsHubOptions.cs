namespace AtTicket.Web.Live;

public sealed class SeatsHubOptions
{
    public const string SectionName = "SeatsHub";

    /// <summary>Performances one hub connection may follow at once; a page shows a handful.</summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 50;
}

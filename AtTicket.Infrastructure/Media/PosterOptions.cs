namespace AtTicket.Infrastructure.Media;

public sealed class PosterOptions
{
    public const string SectionName = "Posters";

    /// <summary>
    /// An uploaded poster that no product names after this long is deleted: it came from an admin form
    /// that was never saved (or was replaced). Long enough for a form left open over a meeting.
    /// </summary>
    public int OrphanMinutes { get; set; } = 180;

    /// <summary>How often the sweeper looks for such posters.</summary>
    public int SweepMinutes { get; set; } = 10;

    public TimeSpan OrphanAge => TimeSpan.FromMinutes(OrphanMinutes);

    public TimeSpan SweepInterval => TimeSpan.FromMinutes(SweepMinutes);
}

namespace AtTicket.Web.Api;

/// <summary>
/// Abuse limits, configured under "RateLimits" so a deployment (and the benchmark, whose every buyer
/// comes from one address) can set them. The defaults are the ones AtTicket always had.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Hold and booking requests per member (or per address when anonymous) in one window.</summary>
    public int HoldsPerWindow { get; set; } = 20;

    public int HoldWindowSeconds { get; set; } = 60;

    public TimeSpan HoldWindow => TimeSpan.FromSeconds(HoldWindowSeconds);
}

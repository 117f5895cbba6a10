namespace AtTicket.Infrastructure.Payments;

/// <summary>Which card processor the app uses, configured under "Payments".</summary>
public sealed class PaymentOptions
{
    public const string SectionName = "Payments";
    public const string SimulatedProvider = "Simulated";
    public const int MaxSimulatedLatencyMilliseconds = 60_000;

    /// <summary>Only <see cref="SimulatedProvider"/> exists so far.</summary>
    public string Provider { get; set; } = SimulatedProvider;

    /// <summary>How long the simulated processor takes to answer each call, like a real network round trip.</summary>
    public int SimulatedLatencyMilliseconds { get; set; } = 300;
}

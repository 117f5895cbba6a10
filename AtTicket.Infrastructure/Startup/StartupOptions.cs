namespace AtTicket.Infrastructure.Startup;

/// <summary>Section "Startup": how long a starting node waits for the database server, Redis and Kafka.</summary>
public sealed class StartupOptions
{
    public const string Section = "Startup";

    /// <summary>Tries per service before the node gives up (1 = no retry).</summary>
    public int Attempts { get; set; } = 30;

    public double SecondsBetweenAttempts { get; set; } = 2;

    public TimeSpan Delay => TimeSpan.FromSeconds(SecondsBetweenAttempts);

    public bool IsValid => Attempts >= 1 && SecondsBetweenAttempts >= 0;
}

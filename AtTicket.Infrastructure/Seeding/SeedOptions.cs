namespace AtTicket.Infrastructure.Seeding;

/// <summary>Section "Seed". Demo data is for development and demos; production seeds only the admin.</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    public bool DemoData { get; set; }
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
}

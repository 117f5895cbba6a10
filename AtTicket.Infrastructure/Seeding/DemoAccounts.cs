using AtTicket.Infrastructure.Identity;

namespace AtTicket.Infrastructure.Seeding;

/// <summary>Development-only accounts; the README lists them. Never seeded unless Seed:DemoData is true.</summary>
public static class DemoAccounts
{
    public static readonly DemoAccount Admin = new("admin@atticket.local", "Admin Kang", "Admin!2345", Roles.Admin);
    public static readonly DemoAccount Minji = new("minji@atticket.local", "Kim Minji", "Customer!2345", Roles.Customer);
    public static readonly DemoAccount Jun = new("jun@atticket.local", "Park Jun", "Customer!2345", Roles.Customer);

    public static readonly IReadOnlyList<DemoAccount> All = [Admin, Minji, Jun];
}

public sealed record DemoAccount(string Email, string DisplayName, string Password, string Role);

using AtTicket.Web.Hosting;

namespace AtTicket.Web.Components.Account;

/// <summary>
/// Where a member lands after logging in: the local page they were going to. An admin who was going
/// nowhere in particular (no page, the home page, or an address off the site) lands on the dashboard.
/// </summary>
public static class LandingPage
{
    public const string Home = "/";
    public const string AdminDashboard = "/admin";

    public static string After(string? returnUrl, bool isAdmin)
    {
        var local = PreferenceEndpoints.SafeLocal(returnUrl);
        return isAdmin && local == Home ? AdminDashboard : local;
    }
}

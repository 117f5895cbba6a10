using AtTicket.Web.Components.Notifications;
using Microsoft.AspNetCore.Localization;

namespace AtTicket.Web.Hosting;

/// <summary>Language and theme live in cookies, so they also apply to the static account pages.</summary>
public static class PreferenceEndpoints
{
    public const string ThemeCookie = "atticket.theme";

    public static void MapPreferenceEndpoints(this WebApplication app)
    {
        // A missing or unknown choice changes nothing, and the visitor still goes back where they were.
        app.MapGet("/preferences/culture", async (string? culture, string? redirectUri, HttpContext http) =>
        {
            if (culture is not null && Cultures.Supported.Contains(culture))
            {
                http.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
                await MemberMailCulture.ChooseAsync(http, http.User, CultureInfo.GetCultureInfo(culture));
            }

            return Results.LocalRedirect(SafeLocal(redirectUri));
        }).ExcludeFromDescription();

        app.MapGet("/preferences/theme", (string? dark, string? redirectUri, HttpContext http) =>
        {
            if (bool.TryParse(dark, out var isDark))
            {
                http.Response.Cookies.Append(
                    ThemeCookie,
                    isDark ? "dark" : "light",
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            }

            return Results.LocalRedirect(SafeLocal(redirectUri));
        }).ExcludeFromDescription();
    }

    /// <summary>
    /// Only paths of this site: an absolute or protocol-relative URL would be an open redirect, and
    /// browsers drop control characters, so "/\t/evil.example" would become one.
    /// </summary>
    public static string SafeLocal(string? uri) =>
        !string.IsNullOrEmpty(uri) && uri.StartsWith('/') && !uri.StartsWith("//") && !uri.StartsWith("/\\") && !uri.Any(char.IsControl) ? uri : "/";
}

using System.Security.Cryptography;
using AtTicket.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace AtTicket.Web.Components.Account.Throttling;

/// <summary>
/// A browser that signed in to an account gets a protected cookie naming the account and a random device id.
/// Presented again at login for the same account, it lets that browser skip the address and account counts.
/// </summary>
public sealed class KnownDevices(IDataProtectionProvider protection, ClientAddresses addresses)
{
    public const string CookieName = "atticket.device";
    private readonly IDataProtector _protector = protection.CreateProtector("AtTicket.KnownDevices.v1");

    public LoginClient ClientOf(HttpContext http, string? account)
    {
        var normalized = (account ?? string.Empty).Trim().ToUpperInvariant();
        var address = addresses.KeyOf(http);
        return new LoginClient(normalized, address, DeviceOf(http, normalized));
    }

    public void Remember(HttpContext http, LoginClient client)
    {
        // A bearer login has already written its tokens, and such a client keeps no cookies anyway.
        if (http.Response.HasStarted)
        {
            return;
        }

        var device = client.Device ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(CookieName, _protector.Protect($"{client.Account}\n{device}"), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Expires = DateTimeOffset.UtcNow.AddDays(180),
        });
    }

    /// <summary>The device named by this account's cookie; null without one, or for a forged one or one sealed with a key this node no longer has.</summary>
    private string? DeviceOf(HttpContext http, string account)
    {
        var parts = _protector.TryUnprotect(http.Request.Cookies[CookieName])?.Split('\n');
        return parts is [var owner, var device] && owner == account ? device : null;
    }
}

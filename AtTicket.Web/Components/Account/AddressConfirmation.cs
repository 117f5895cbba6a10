using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace AtTicket.Web.Components.Account;

/// <summary>
/// The confirm-address mail of the account pages: a link to /Account/ConfirmEmail with the member's id
/// and Identity's token (base64url, as the reset link carries its token), written to the outbox in the
/// language of the page that asked. Signing in does not wait for the confirmation.
/// </summary>
public static class AddressConfirmation
{
    public const string Path = "/Account/ConfirmEmail";

    /// <summary>Mails <paramref name="member"/> a link to the confirm page under <paramref name="site"/>.</summary>
    public static async Task SendAsync(UserManager<Member> members, IEmailSender<Member> mail, Uri site, Member member)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await members.GenerateEmailConfirmationTokenAsync(member)));
        var link = new Uri(site, $"{Path.TrimStart('/')}?userId={Uri.EscapeDataString(member.Id)}&code={code}");
        await mail.SendConfirmationLinkAsync(member, member.Email!, link.AbsoluteUri);
    }

    /// <returns>True when the address is confirmed now (or was already); false for a wrong, damaged or expired link.</returns>
    public static async Task<bool> ConfirmAsync(UserManager<Member> members, string? memberId, string? code)
    {
        if (string.IsNullOrEmpty(memberId) || string.IsNullOrEmpty(code) || await members.FindByIdAsync(memberId) is not { } member)
        {
            return false;
        }

        if (member.EmailConfirmed)
        {
            return true; // a second click on the same link: nothing to do, and nothing wrong
        }

        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return false;
        }

        return (await members.ConfirmEmailAsync(member, token)).Succeeded;
    }
}

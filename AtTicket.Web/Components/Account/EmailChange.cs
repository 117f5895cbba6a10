using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace AtTicket.Web.Components.Account;

public enum EmailChangeOutcome
{
    /// <summary>The link is on its way, or the address belongs to someone else: the same answer, so the page tells nobody who is a member.</summary>
    Sent,

    /// <summary>The address asked for is the member's own already.</summary>
    Unchanged,

    /// <summary>The account-mail limit of the client or of the address asked for is used up; <see cref="EmailChangeAnswer.Wait"/> says for how long.</summary>
    TooMany,
}

public sealed record EmailChangeAnswer(EmailChangeOutcome Outcome, TimeSpan Wait = default);

/// <summary>
/// A member's new e-mail address, as the account page asks for it: a link to /Account/ConfirmEmail mailed to
/// the new address, with Identity's change token (bound to that address); the address changes when the link
/// is opened, and <see cref="MemberManager"/> tells the previous address. Counted against the account-mail limits like the API's <c>/api/auth/manage/info</c>, which also
/// answers a taken address as it answers a free one.
/// </summary>
public static class EmailChange
{
    public static async Task<EmailChangeAnswer> RequestAsync(
        UserManager<Member> members, IEmailSender<Member> mail, ClientLimits limits, HttpContext http, Uri site, Member member, string newEmail)
    {
        newEmail = newEmail.Trim();
        if (string.Equals(newEmail, member.Email, StringComparison.OrdinalIgnoreCase))
        {
            return new(EmailChangeOutcome.Unchanged);
        }

        if (await limits.TryAcquireAsync(LimitedAction.AccountMail, newEmail, http) is { } refused)
        {
            return new(EmailChangeOutcome.TooMany, refused.Wait);
        }

        // A taken address would fail at the link anyway; its owner gets no mail about someone else's account.
        if (await members.FindByEmailAsync(newEmail) is null)
        {
            var token = await members.GenerateChangeEmailTokenAsync(member, newEmail);
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
            var link = new Uri(site, $"{AddressConfirmation.Path.TrimStart('/')}?userId={Uri.EscapeDataString(member.Id)}&code={code}&changedEmail={Uri.EscapeDataString(newEmail)}");
            await mail.SendConfirmationLinkAsync(member, newEmail, link.AbsoluteUri);
        }

        return new(EmailChangeOutcome.Sent);
    }

    /// <returns>True when the member's address (and user name, which is the address) is <paramref name="newEmail"/> now; false for a wrong, damaged or expired link, or an address taken meanwhile.</returns>
    public static async Task<bool> ConfirmAsync(UserManager<Member> members, string? memberId, string? code, string newEmail)
    {
        if (string.IsNullOrEmpty(memberId) || string.IsNullOrEmpty(code) || await members.FindByIdAsync(memberId) is not { } member)
        {
            return false;
        }

        if (string.Equals(member.Email, newEmail, StringComparison.OrdinalIgnoreCase) && member.EmailConfirmed)
        {
            return true; // a second click on the same link
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

        // As Identity's own confirmEmail endpoint does: the address, then the user name the member logs in with.
        return (await members.ChangeEmailAsync(member, newEmail, token)).Succeeded
            && (await members.SetUserNameAsync(member, newEmail)).Succeeded;
    }
}

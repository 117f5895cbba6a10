using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Mail.Alerts;
using AtTicket.Infrastructure.Members;

namespace AtTicket.Web.Components.Account.Registration;

/// <summary>
/// Registration answers the same whether or not the address already has an account: a new member is asked to
/// confirm the address by mail, and an existing one is told by mail that someone tried to register it. The
/// visitor learns only "check your mail", so the form tells nobody who is a member.
/// </summary>
public sealed class MemberRegistration(
    UserManager<Member> members,
    AccountMailSender mail,
    MemberPreferencesStore preferences,
    IOptions<AlertMailOptions> site,
    ILogger<MemberRegistration> logger)
{
    /// <summary>Identity refused only because the address is taken (user name and e-mail are one here).</summary>
    public static bool OnlyTaken(IEnumerable<string> errorCodes)
    {
        var codes = errorCodes.ToList();
        return codes.Count > 0 && codes.All(code => code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail));
    }

    /// <summary>Creates the member, or mails the owner of a taken address; either way succeeds. Failures are the visitor's own input (password rules, a bad address).</summary>
    public async Task<IdentityResult> RegisterAsync(Member member, string password)
    {
        var created = await members.CreateAsync(member, password);
        if (created.Succeeded)
        {
            logger.LogInformation("New member {MemberId} registered", member.Id);

            // The language of the form becomes the language of the member's mails, this first one included.
            await preferences.AdoptCultureAsync(member.Id, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, CancellationToken.None);
            await AddressConfirmation.SendAsync(members, mail, site.Value.Link("/"), member);
            return created;
        }

        if (OnlyTaken(created.Errors.Select(e => e.Code)))
        {
            await TakenAsync(member.Email!);
            return IdentityResult.Success;
        }

        return created;
    }

    /// <summary>The rules a password breaks, by the validators creating a member runs, in the visitor's language.</summary>
    public async Task<IReadOnlyList<string>> BrokenPasswordRulesAsync(string password)
    {
        var broken = new List<string>();
        foreach (var validator in members.PasswordValidators)
        {
            var result = await validator.ValidateAsync(members, new Member(), password);
            broken.AddRange(result.Errors.Select(e => e.Description));
        }

        return broken;
    }

    public async Task TakenAsync(string email)
    {
        if (await members.FindByEmailAsync(email.Trim()) is { Email: { } ownersAddress } owner)
        {
            logger.LogWarning("Someone tried to register the address of member {MemberId}", owner.Id);
            await mail.SendRegistrationAttemptAsync(owner, ownersAddress);
        }
    }
}

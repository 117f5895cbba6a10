using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;

namespace AtTicket.Infrastructure.Identity;

/// <summary>
/// Every new member is a customer, however the account was made (sign-up page, /api/auth/register,
/// seeding); admins get the Admin role on top. Every saved change of an account is reported to the
/// <see cref="ISessionStampListener"/>s: Identity changes the security stamp only through such a save.
/// A changed sign-in address is told to the previous one, whichever path confirmed it (the account page's
/// link or Identity's confirmEmail endpoint): if someone else made the change, the owner hears of it there, and
/// the notice is saved with the change.
/// </summary>
public sealed class MemberManager(
    IUserStore<Member> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<Member> passwordHasher,
    IEnumerable<IUserValidator<Member>> userValidators,
    IEnumerable<IPasswordValidator<Member>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<Member>> logger,
    IEnumerable<ISessionStampListener> stampListeners,
    AccountMailSender accountMails,
    AtTicketDbContext identityContext)
    : UserManager<Member>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(Member user)
    {
        var created = await base.CreateAsync(user);
        return created.Succeeded ? await AddToRoleAsync(user, Roles.Customer) : created;
    }

    /// <remarks>
    /// The notice joins the context the user store saves with (the scope's one <see cref="AtTicketDbContext"/>), so
    /// the change and its notice are one save: a crash between two saves cannot lose the notice.
    /// </remarks>
    public override async Task<IdentityResult> ChangeEmailAsync(Member user, string newEmail, string token)
    {
        var previous = user.Email;
        if (previous is null || string.Equals(previous, newEmail, StringComparison.OrdinalIgnoreCase))
        {
            return await base.ChangeEmailAsync(user, newEmail, token);
        }

        var notice = identityContext.OutboxMessages.Add(accountMails.AddressChangedNotice(user, previous, newEmail));
        var changed = false;
        try
        {
            var result = await base.ChangeEmailAsync(user, newEmail, token);
            changed = result.Succeeded;
            return result;
        }
        finally
        {
            if (!changed)
            {
                notice.State = EntityState.Detached; // a refused change tells nobody, and leaves nothing for a later save
            }
        }
    }

    protected override async Task<IdentityResult> UpdateUserAsync(Member user)
    {
        var updated = await base.UpdateUserAsync(user);
        if (updated.Succeeded)
        {
            foreach (var listener in stampListeners)
            {
                await listener.StampMayHaveChangedAsync(user.Id);
            }
        }

        return updated;
    }
}

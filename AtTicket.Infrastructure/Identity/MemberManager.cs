using Microsoft.AspNetCore.Identity;

namespace AtTicket.Infrastructure.Identity;

/// <summary>
/// Every new member is a customer, however the account was made (sign-up page, /api/auth/register,
/// seeding); admins get the Admin role on top. Every saved change of an account is reported to the
/// <see cref="ISessionStampListener"/>s: Identity changes the security stamp only through such a save.
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
    IEnumerable<ISessionStampListener> stampListeners)
    : UserManager<Member>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(Member user)
    {
        var created = await base.CreateAsync(user);
        return created.Succeeded ? await AddToRoleAsync(user, Roles.Customer) : created;
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

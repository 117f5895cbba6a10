namespace AtTicket.Web.Components.Account;

/// <summary>Puts the display name into the sign-in cookie so the header can greet the member without a query.</summary>
public sealed class MemberClaimsPrincipalFactory(
    UserManager<Member> members,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Member, IdentityRole>(members, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Member member)
    {
        var identity = await base.GenerateClaimsAsync(member);
        if (!string.IsNullOrWhiteSpace(member.DisplayName))
        {
            identity.AddClaim(new Claim(ClaimNames.DisplayName, member.DisplayName));
        }

        return identity;
    }
}

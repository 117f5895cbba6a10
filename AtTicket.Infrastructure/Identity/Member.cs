using Microsoft.AspNetCore.Identity;

namespace AtTicket.Infrastructure.Identity;

/// <summary>A person with an account: customers and admins alike.</summary>
public class Member : IdentityUser
{
    public const int DisplayNameMaxLength = 60;

    public string DisplayName { get; set; } = string.Empty;
}

namespace AtTicket.Web.Localization;

/// <summary>Identity's rule messages (password rules, duplicate e-mail) in the member's language.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), l["The e-mail address {0} already has an account.", email]);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), l["The e-mail address {0} already has an account.", userName]);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), l["'{0}' is not a valid e-mail address.", email ?? string.Empty]);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), l["The current password is not correct."]);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), l["The password needs at least {0} characters.", length]);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), l["The password needs at least one digit (0-9)."]);
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), l["The password needs at least one lowercase letter."]);
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), l["The password needs at least one uppercase letter."]);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), l["The password needs at least one symbol such as ! or #."]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}

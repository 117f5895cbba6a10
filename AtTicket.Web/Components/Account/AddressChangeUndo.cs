namespace AtTicket.Web.Components.Account;

public enum AddressChangeUndoOutcome
{
    /// <summary>The sign-in address is the previous one again (or already was: a second click changes nothing).</summary>
    Restored,

    /// <summary>Another account has taken the previous address since the change.</summary>
    AddressTaken,

    /// <summary>The member named by the link no longer exists.</summary>
    Unknown,
}

/// <summary>
/// Takes an account back to the sign-in address a change took away, from the link in the notice that address got.
/// Whoever made the change may hold the password and every session, so the restore also ends every session and
/// removes the password: the owner chooses a new one through the forgot-password mail, which now reaches them.
/// </summary>
public static class AddressChangeUndo
{
    public static async Task<AddressChangeUndoOutcome> RestoreAsync(UserManager<Member> members, AddressChangeUndoRequest request)
    {
        if (await members.FindByIdAsync(request.MemberId) is not { } member)
        {
            return AddressChangeUndoOutcome.Unknown;
        }

        if (string.Equals(member.Email, request.PreviousEmail, StringComparison.OrdinalIgnoreCase))
        {
            return AddressChangeUndoOutcome.Restored; // already restored: the password the owner has chosen since stays
        }

        if (await members.FindByEmailAsync(request.PreviousEmail) is not null)
        {
            return AddressChangeUndoOutcome.AddressTaken;
        }

        // One save, so the account never holds half a restore. The owner proved the address by opening the mail,
        // so it is confirmed at once; the new stamp ends every session (MemberManager tells every node).
        member.Email = member.UserName = request.PreviousEmail;
        member.NormalizedEmail = members.NormalizeEmail(request.PreviousEmail);
        member.NormalizedUserName = members.NormalizeName(request.PreviousEmail);
        member.EmailConfirmed = true;
        member.PasswordHash = null;
        var restored = await members.UpdateSecurityStampAsync(member); // Identity's validators refuse an address taken meanwhile
        return restored.Succeeded ? AddressChangeUndoOutcome.Restored : AddressChangeUndoOutcome.AddressTaken;
    }
}

using Microsoft.AspNetCore.DataProtection;

namespace AtTicket.Infrastructure.Identity;

/// <summary>Whose sign-in address goes back to which: what an undo link names.</summary>
public sealed record AddressChangeUndoRequest(string MemberId, string PreviousEmail);

/// <summary>
/// The signed, expiring token in the notice a previous address gets when the sign-in address changes. It
/// works without logging in, because whoever took the account also holds its sessions and may know its
/// password; it is not bound to the security stamp, which the taker changes with the next password change.
/// Data Protection signs and encrypts it with the key ring every node shares; the expiry is set from
/// <see cref="TimeProvider"/> but checked by Data Protection on the real clock.
/// </summary>
public sealed class AddressChangeUndoTokens(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("AtTicket.Identity.AddressChangeUndo.v1").ToTimeLimitedDataProtector();

    public string Create(AddressChangeUndoRequest request) =>
        _protector.Protect(request.MemberId + "\n" + request.PreviousEmail, time.GetUtcNow() + Lifetime);

    /// <summary>The request the token names; null for an expired or damaged token, or one this site did not make.</summary>
    public AddressChangeUndoRequest? Read(string? token) =>
        _protector.TryUnprotect(token)?.Split('\n', 2) is [{ Length: > 0 } memberId, { Length: > 0 } previousEmail]
            ? new(memberId, previousEmail)
            : null;
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace AtTicket.Infrastructure.Mail;

/// <summary>
/// Keeps what a mail must not leave lying around (an account link's token, a parked mail's text)
/// encrypted while it waits in the outbox, on the bus and in a parked delivery: only a node holding
/// the Data Protection key ring reads it back. The key ring is shared through Redis when
/// <c>ConnectionStrings:Redis</c> is set; without Redis each node has its own, so the mail worker must
/// run on the node that wrote the mail (the one-machine default does).
/// </summary>
public sealed class MailSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _links = protection.CreateProtector("AtTicket.Mail.AccountLink.v1");
    private readonly IDataProtector _parked = protection.CreateProtector("AtTicket.Mail.ParkedContent.v1");

    public string ProtectLink(string linkOrCode) => _links.Protect(linkOrCode);

    /// <summary>Null when this node cannot read it: another key ring, a damaged or foreign value.</summary>
    public string? UnprotectLink(string protectedLinkOrCode) => _links.TryUnprotect(protectedLinkOrCode);

    public byte[] ProtectContent(byte[] mime) => _parked.Protect(mime);

    /// <exception cref="CryptographicException">The key that sealed it is gone.</exception>
    public byte[] UnprotectContent(byte[] sealedMime) => _parked.Unprotect(sealedMime);
}

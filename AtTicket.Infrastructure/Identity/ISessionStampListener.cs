namespace AtTicket.Infrastructure.Identity;

/// <summary>
/// Told after a member's account was saved with a possibly new security stamp (logout everywhere, a password
/// change or reset), so that whoever keeps stamps in memory (the web nodes' session checks) drops the member's.
/// </summary>
public interface ISessionStampListener
{
    Task StampMayHaveChangedAsync(string memberId);
}

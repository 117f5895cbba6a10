namespace AtTicket.Web.Components.Account.Sessions;

/// <summary>
/// Ends a member's sessions everywhere. Ending means a new security stamp: every cookie, bearer token, refresh token
/// and live page of the member carries the old one and is refused at its next check (<see cref="SessionStamps"/>),
/// on whichever node it arrives.
/// </summary>
public sealed class MemberSessions(UserManager<Member> members, ILogger<MemberSessions> logger)
{
    public async Task EndAllAsync(Member member, string reason)
    {
        await members.UpdateSecurityStampAsync(member); // MemberManager tells every node's SessionStamps
        logger.LogInformation("Every session of member {MemberId} ended: {Reason}", member.Id, reason);
    }
}

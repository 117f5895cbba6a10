namespace AtTicket.Infrastructure.Mail;

/// <summary>Where a member's mail goes and in which language: the address they log in with, the language they chose (English until they chose).</summary>
public sealed record MailRecipient(string MemberId, string Email, string Name, CultureInfo Culture);

public sealed class MailRecipients(IDbContextFactory<AtTicketDbContext> contexts)
{
    public static readonly CultureInfo DefaultCulture = CultureInfo.GetCultureInfo("en");

    /// <summary>Null when the member is gone or has no address.</summary>
    public async Task<MailRecipient?> FindAsync(string memberId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var member = await (from m in db.Users
                            where m.Id == memberId
                            join p in db.MemberPreferences on m.Id equals p.MemberId into preferences
                            from p in preferences.DefaultIfEmpty()
                            select new { m.Email, m.DisplayName, Culture = p == null ? null : p.Culture })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        return member is { Email: { Length: > 0 } email }
            ? new MailRecipient(memberId, email, member.DisplayName, CultureOf(member.Culture))
            : null;
    }

    /// <summary>ko or en, from a stored or requested culture name; anything else reads as English.</summary>
    public static CultureInfo CultureOf(string? name) =>
        name is { Length: >= 2 } && name.StartsWith("ko", StringComparison.OrdinalIgnoreCase) ? CultureInfo.GetCultureInfo("ko") : DefaultCulture;
}

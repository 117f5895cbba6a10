namespace AtTicket.Web.Hosting.Limits;

/// <summary>One kind of request limited per member (or account asked for) and per client address, in a fixed window.</summary>
public sealed class RateLimit
{
    /// <summary>Requests per member in one window: the member id for holds and bookings, the e-mail address asked for at registration, login and for account mails.</summary>
    public int PerMember { get; set; }

    /// <summary>Requests per client address in one window (IPv6: per /64, which one client holds).</summary>
    public int PerAddress { get; set; }

    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    public bool IsValid => PerMember > 0 && PerAddress > 0 && WindowSeconds > 0;
}

/// <summary>
/// Abuse limits, configured under "RateLimits" so a deployment (and the benchmark, whose every buyer comes
/// from one address) can set them. Holds and bookings keep the 20 a minute per member AtTicket always had,
/// each in its own bucket now, so hold attempts never use up the booking that follows.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public RateLimit Holds { get; set; } = new() { PerMember = 20, PerAddress = 60, WindowSeconds = 60 };

    public RateLimit Bookings { get; set; } = new() { PerMember = 20, PerAddress = 60, WindowSeconds = 60 };

    public RateLimit Registrations { get; set; } = new() { PerMember = 3, PerAddress = 10, WindowSeconds = 3600 };

    public RateLimit Logins { get; set; } = new() { PerMember = 30, PerAddress = 60, WindowSeconds = 60 };

    /// <summary>Password-reset and confirmation mails, per e-mail address asked for and per client address: nobody can mail-bomb an inbox through AtTicket.</summary>
    public RateLimit AccountMails { get; set; } = new() { PerMember = 3, PerAddress = 10, WindowSeconds = 3600 };

    /// <summary>
    /// Joining a waiting line (the page joins once on arrival and again only when the line lost the member): one
    /// client address joining again and again would be a bot. Generous per address, where a whole office shares one.
    /// </summary>
    public RateLimit QueueJoins { get; set; } = new() { PerMember = 10, PerAddress = 120, WindowSeconds = 60 };

    public RateLimit Of(LimitedAction action) => action switch
    {
        LimitedAction.QueueJoin => QueueJoins,
        LimitedAction.Hold => Holds,
        LimitedAction.Booking => Bookings,
        LimitedAction.Registration => Registrations,
        LimitedAction.AccountMail => AccountMails,
        _ => Logins,
    };

    public bool IsValid => Holds.IsValid && Bookings.IsValid && Registrations.IsValid && Logins.IsValid && AccountMails.IsValid && QueueJoins.IsValid;
}

public enum LimitedAction
{
    Hold,
    Booking,
    Registration,
    Login,
    AccountMail,
    QueueJoin,
}

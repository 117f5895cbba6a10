namespace AtTicket.Infrastructure.Mail;

public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The sender every mail shows, as <c>Name &lt;address&gt;</c> or a bare address.</summary>
    public string From { get; set; } = "AtTicket <no-reply@atticket.local>";

    /// <summary>Where mails are written as <c>.eml</c> files when no SMTP host is set; relative to the content root.</summary>
    public string PickupDirectory { get; set; } = "mail-pickup";

    /// <summary>Failed sends of one mail before it is parked as failed for an admin to retry.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The pause after the first failed send; it doubles after each further one, up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    public int RetryDelayMilliseconds { get; set; } = 1000;

    public int MaxRetryDelaySeconds { get; set; } = 60;

    public SmtpOptions Smtp { get; set; } = new();

    public MailWorkerOptions Worker { get; set; } = new();

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class SmtpOptions
{
    /// <summary>Empty: mails go to the pickup directory.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>Empty: no authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one connect or command may take before the send counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How long a kept connection may wait for the next mail before it is closed instead of reused.</summary>
    public int IdleSeconds { get; set; } = 30;
}

/// <summary>How the connection to the SMTP server is secured (MailKit's secure socket options).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text, for a relay on the same host or network.</summary>
    None,

    /// <summary>Plain connect, then STARTTLS, which the server must offer.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>TLS on connect for port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,
}

public sealed class MailWorkerOptions
{
    /// <summary>False on nodes that should not send mail, so a dedicated worker node can do it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Mails one node sends at once (each on an SMTP connection of its own). Messages about one
    /// aggregate (one booking) are still handled one after the other, in order.
    /// </summary>
    public int Parallelism { get; set; } = 8;
}

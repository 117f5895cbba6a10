using AtTicket.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MimeKit;

namespace AtTicket.Infrastructure.Mail;

internal static class MailRegistration
{
    /// <summary>
    /// The mail worker and what it sends through: SMTP when <c>Mail:Smtp:Host</c> is set, otherwise
    /// <c>.eml</c> files in <c>Mail:PickupDirectory</c>. Call before <c>AddMessaging</c>: hosted services
    /// start in order, and the worker must subscribe before the dispatcher publishes.
    /// </summary>
    public static void AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section))
            .Validate(o => o.MaxAttempts > 0 && o.RetryDelayMilliseconds > 0 && o.MaxRetryDelaySeconds > 0, "Mail:MaxAttempts and the retry delays must be positive.")
            .Validate(o => MailboxAddress.TryParse(o.From, out _), "Mail:From must be an address, e.g. AtTicket <no-reply@example.com>.")
            .Validate(o => !o.UsesSmtp || (o.Smtp.Port is > 0 and < 65536 && o.Smtp.TimeoutSeconds > 0 && o.Smtp.IdleSeconds > 0), "Mail:Smtp:Port must be a port, Mail:Smtp:TimeoutSeconds and Mail:Smtp:IdleSeconds positive.")
            .Validate(o => o.Worker.Parallelism is > 0 and <= 64, "Mail:Worker:Parallelism must be between 1 and 64.")
            .Validate(o => o.UsesSmtp || !string.IsNullOrWhiteSpace(o.PickupDirectory), "Without Mail:Smtp:Host, Mail:PickupDirectory must name a folder.")
            .ValidateOnStart();
        services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>();
            return options.Value.UsesSmtp
                ? new SmtpMailTransport(options, sp.GetService<TimeProvider>())
                : new PickupDirectoryMailTransport(PickupPath(options.Value.PickupDirectory, sp.GetService<IHostEnvironment>()));
        });
        services.AddSingleton<MailDeliveryStore>();
        services.AddSingleton<MailDeliveryService>();
        services.AddSingleton<MailRecipients>();
        services.AddDataProtection(); // the key ring is the database's (AddPersistence), so every node shares it
        services.AddSingleton<MailSecrets>();
        services.AddSingleton<IMailComposer, BookingConfirmedMailComposer>();
        services.AddSingleton<IMailComposer, BookingCancelledMailComposer>();
        services.AddSingleton<IMailComposer, AccountMailComposer>();
        services.AddSingleton<AddressChangeUndoTokens>();
        services.AddSingleton<AccountMailSender>();
        services.AddSingleton<IEmailSender<Member>>(sp => sp.GetRequiredService<AccountMailSender>());
        services.AddSingleton<MailWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<MailWorker>());
    }

    private static string PickupPath(string directory, IHostEnvironment? environment) =>
        Path.GetFullPath(directory, environment?.ContentRootPath ?? Directory.GetCurrentDirectory());
}

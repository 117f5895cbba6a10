using Microsoft.AspNetCore.DataProtection;

namespace AtTicket.Infrastructure.Mail.Alerts;

internal static class AlertMailRegistration
{
    /// <summary>The on-sale alert composer (the mail worker finds it as an <see cref="IMailComposer"/>) and its unsubscribe tokens.</summary>
    public static void AddAlertMails(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertMailOptions>().Bind(configuration.GetSection(AlertMailOptions.Section))
            .Validate(o => o.IsValid(), "Mail:PublicBaseUrl must be an absolute http(s) address and Mail:AlertPageSize positive.")
            .ValidateOnStart();
        services.AddDataProtection(); // the key ring is the database's (AddPersistence), so every node shares it
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<AlertSubscribers>();
        services.AddSingleton(sp => new OnSaleAlertMail(sp.GetRequiredService<IOptions<AlertMailOptions>>().Value, sp.GetRequiredService<UnsubscribeTokens>()));
        services.AddSingleton<IMailComposer, OnSaleAlertComposer>();
    }
}

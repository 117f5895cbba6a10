using AtTicket.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace AtTicket.Web.Components.Account;

/// <summary>Account mails (confirmation, password reset) are logged until the mail work lands.</summary>
internal sealed class LoggingEmailSender(ILogger<LoggingEmailSender> logger) : IEmailSender<Member>
{
    public Task SendConfirmationLinkAsync(Member user, string email, string confirmationLink) => Log(email, "confirmation link");

    public Task SendPasswordResetLinkAsync(Member user, string email, string resetLink) => Log(email, "password reset link");

    public Task SendPasswordResetCodeAsync(Member user, string email, string resetCode) => Log(email, "password reset code");

    private Task Log(string email, string what)
    {
        logger.LogInformation("Account mail ({What}) for {Email} not sent: mail delivery is not configured yet", what, email);
        return Task.CompletedTask;
    }
}

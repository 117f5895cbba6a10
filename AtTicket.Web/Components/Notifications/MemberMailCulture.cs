using System.Globalization;
using System.Security.Claims;
using AtTicket.Infrastructure.Members;
using Microsoft.AspNetCore.Localization;

namespace AtTicket.Web.Components.Notifications;

/// <summary>The language a member reads the site in becomes the language of their mails, until they choose one.</summary>
public static class MemberMailCulture
{
    /// <summary>At every cookie sign-in (registering, logging in), with the language of that request.</summary>
    public static Task AdoptAtSignInAsync(HttpContext http, ClaimsPrincipal? member) =>
        AdoptAsync(http, member, http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture);

    public static async Task AdoptAsync(HttpContext http, ClaimsPrincipal? member, CultureInfo culture)
    {
        var memberId = member?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (memberId is null)
        {
            return;
        }

        try
        {
            await http.RequestServices.GetRequiredService<MemberPreferencesStore>().AdoptCultureAsync(memberId, culture.TwoLetterISOLanguageName, http.RequestAborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A mail language is not worth failing a sign-in for; the next one tries again.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MemberMailCulture)).LogWarning(exception, "Could not keep the mail language of member {MemberId}", memberId);
        }
    }
}

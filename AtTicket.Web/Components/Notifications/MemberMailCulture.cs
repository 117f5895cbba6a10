using AtTicket.Infrastructure.Members;
using Microsoft.AspNetCore.Localization;

namespace AtTicket.Web.Components.Notifications;

/// <summary>
/// The language a member reads the site in becomes the language of their mails: a switch of the site's
/// language is a choice and always wins; the language of a sign-in is only kept while none is stored.
/// </summary>
public static class MemberMailCulture
{
    /// <summary>At every cookie sign-in (registering, logging in), with the language of that request.</summary>
    public static Task AdoptAtSignInAsync(HttpContext http, ClaimsPrincipal? member) =>
        ChangeAsync(
            http,
            member,
            (store, memberId) => store.AdoptCultureAsync(memberId, (http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName, http.RequestAborted));

    /// <summary>The member switched the site to <paramref name="culture"/>: their mails switch too.</summary>
    public static Task ChooseAsync(HttpContext http, ClaimsPrincipal? member, CultureInfo culture) =>
        ChangeAsync(http, member, (store, memberId) => store.PreferCultureAsync(memberId, culture.TwoLetterISOLanguageName, http.RequestAborted));

    private static async Task ChangeAsync(HttpContext http, ClaimsPrincipal? member, Func<MemberPreferencesStore, string, Task<bool>> change)
    {
        var memberId = member?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (memberId is null)
        {
            return;
        }

        try
        {
            await change(http.RequestServices.GetRequiredService<MemberPreferencesStore>(), memberId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A mail language is not worth failing a sign-in or a language switch for; the next one tries again.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MemberMailCulture)).LogWarning(exception, "Could not keep the mail language of member {MemberId}", memberId);
        }
    }
}

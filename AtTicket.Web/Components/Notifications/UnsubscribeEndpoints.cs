using AtTicket.Infrastructure.Mail.Alerts;
using AtTicket.Infrastructure.Members;

namespace AtTicket.Web.Components.Notifications;

public static class UnsubscribeEndpoints
{
    /// <summary>
    /// RFC 8058 one-click unsubscribe: the mail provider POSTs "List-Unsubscribe=One-Click" to the URL in
    /// the List-Unsubscribe header, with no cookie and so no antiforgery token; the signed token is the
    /// proof. A browser that opens the URL instead (GET) is shown the page that asks first.
    /// </summary>
    public static void MapUnsubscribeEndpoints(this WebApplication app)
    {
        app.MapPost(AlertLinks.OneClickUnsubscribe, async (string? token, UnsubscribeTokens tokens, MemberPreferencesStore preferences, CancellationToken cancellationToken) =>
        {
            // Text bodies: an empty 4xx would be re-executed into the not-found page.
            var request = tokens.Read(token);
            if (request is null)
            {
                return Results.Text("This unsubscribe link is not valid.", statusCode: StatusCodes.Status400BadRequest);
            }

            return await preferences.UnsubscribeAsync(request.MemberId, request.Category, cancellationToken)
                ? Results.Text("Unsubscribed.")
                : Results.Text("This unsubscribe link is not valid.", statusCode: StatusCodes.Status400BadRequest);
        }).DisableAntiforgery().ExcludeFromDescription();

        app.MapGet(AlertLinks.OneClickUnsubscribe, (string? token) =>
            Results.LocalRedirect(AlertLinks.WithToken(AlertLinks.UnsubscribePage, token ?? string.Empty))).ExcludeFromDescription();
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Identity.Data;

namespace AtTicket.Web.Components.Account.Registration;

/// <summary>
/// The privacy consent of POST /api/auth/register. Identity's <see cref="RegisterRequest"/> has no field for it, so
/// the API's JSON contract of that type gains <c>acceptPrivacyTerms</c> (in the OpenAPI document too), kept beside
/// each request object read, for <see cref="RegistrationFilter"/> to check.
/// </summary>
internal static class PrivacyConsent
{
    public const string FieldName = "acceptPrivacyTerms";

    private static readonly ConditionalWeakTable<RegisterRequest, object> Given = [];

    public static void AddToRegisterRequest(JsonTypeInfo type)
    {
        if (type.Type != typeof(RegisterRequest))
        {
            return;
        }

        var consent = type.CreateJsonPropertyInfo(typeof(bool), FieldName);
        consent.Get = request => IsGiven((RegisterRequest)request);
        consent.Set = (request, value) =>
        {
            if (value is true)
            {
                Given.AddOrUpdate((RegisterRequest)request, true);
            }
        };
        type.Properties.Add(consent);
    }

    public static bool IsGiven(RegisterRequest request) => Given.TryGetValue(request, out _);
}

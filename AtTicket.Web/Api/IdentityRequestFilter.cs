using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Identity.Data;

namespace AtTicket.Web.Api;

/// <summary>
/// The /api/auth requests (login, register, refresh, reset...) declare their strings as required, but JSON
/// <c>null</c> still reaches Identity, which then fails with a 500. This answers 400 naming each such field.
/// </summary>
internal sealed class IdentityRequestFilter : IEndpointFilter
{
    private static readonly NullabilityInfoContext Nullability = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var argument in context.Arguments)
        {
            if (argument?.GetType() is { } type && type.Namespace == typeof(LoginRequest).Namespace)
            {
                foreach (var property in type.GetProperties().Where(p => p.PropertyType == typeof(string)))
                {
                    if (property.GetValue(argument) is null && Nullability.Create(property).ReadState == NullabilityState.NotNull)
                    {
                        var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                        errors[name] = [$"{name} is required."];
                    }
                }
            }
        }

        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : await next(context);
    }
}

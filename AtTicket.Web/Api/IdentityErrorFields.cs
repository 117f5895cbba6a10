using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity.Data;

namespace AtTicket.Web.Api;

/// <summary>
/// Identity's /api/auth endpoints key their validation errors by Identity's error codes ("InvalidToken",
/// "PasswordTooShort"); this names the request fields those codes are about instead, so every 400 of the API
/// says which field to change. A code the table does not know is kept as it is.
/// </summary>
internal sealed class IdentityErrorFields : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var errors = ((result as INestedHttpResult)?.Result ?? result) is ValidationProblem problem ? problem.ProblemDetails.Errors : null;
        var request = context.Arguments.FirstOrDefault(a => a is RegisterRequest or ResetPasswordRequest or InfoRequest or TwoFactorRequest);
        if (errors is null || request is null)
        {
            return result;
        }

        foreach (var (code, messages) in errors.ToList())
        {
            var fields = FieldsOf(code, request);
            if (fields.Length == 0)
            {
                continue;
            }

            errors.Remove(code);
            foreach (var field in fields)
            {
                errors[field] = errors.TryGetValue(field, out var earlier) ? [.. earlier, .. messages] : messages;
            }
        }

        return result;
    }

    private static string[] FieldsOf(string code, object request) => (code, request) switch
    {
        // An unknown address answers InvalidToken too (so nobody learns who has an account): the pair is wrong.
        ("InvalidToken", ResetPasswordRequest) => ["email", "resetCode"],
        (_, ResetPasswordRequest) when code.StartsWith("Password", StringComparison.Ordinal) => ["newPassword"],
        (_, RegisterRequest) when code.StartsWith("Password", StringComparison.Ordinal) => ["password"],
        (_, RegisterRequest) when code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) => ["email"],
        ("PasswordMismatch" or "OldPasswordRequired", InfoRequest) => ["oldPassword"],
        (_, InfoRequest) when code.StartsWith("Password", StringComparison.Ordinal) => ["newPassword"],
        (_, InfoRequest) when code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) => ["newEmail"],
        (_, TwoFactorRequest) => ["twoFactorCode"],
        _ => [],
    };
}

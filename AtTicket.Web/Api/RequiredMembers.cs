using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AtTicket.Web.Api;

/// <summary>
/// C# <c>required</c> members of a request contract (the /api/auth requests of Identity declare theirs so) are
/// checked after binding, by the contract's own metadata, like the <c>[Required]</c> attributes of ours: left out
/// or <c>null</c>, the answer is a 400 whose <c>errors</c> name each field by its JSON name. System.Text.Json
/// would otherwise refuse a left-out one with an exception that names the fields only in its message text.
/// </summary>
internal sealed class RequiredMembersFilter : IEndpointFilter
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Required = new();

    /// <summary>Lets System.Text.Json bind a left-out required member as null, so this filter names it.</summary>
    public static void BindMissingAsNull(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            property.IsRequired = false;
        }
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var argument in context.Arguments)
        {
            if (argument is null || argument.GetType().IsPrimitive)
            {
                continue;
            }

            foreach (var property in Required.GetOrAdd(argument.GetType(), RequiredMembersOf))
            {
                if (property.GetValue(argument) is null)
                {
                    var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                    errors[name] = [$"{name} is required."];
                }
            }
        }

        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : await next(context);
    }

    private static PropertyInfo[] RequiredMembersOf(Type type) =>
        type.GetCustomAttribute<RequiredMemberAttribute>() is null
            ? []
            : [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.IsDefined(typeof(RequiredMemberAttribute)))];
}

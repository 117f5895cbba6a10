using System.Text.Json;

namespace AtTicket.Web.Tests.BadInput;

/// <summary>One parameter of an operation: where it goes (path, query, header) and its schema.</summary>
public sealed record OpenApiParameter(string Name, string In, bool Required, JsonElement Schema);

/// <summary>One operation of the app's OpenAPI document, with its JSON body schema resolved (if it has one).</summary>
public sealed record OpenApiOperation(string Method, string Path, IReadOnlyList<OpenApiParameter> Parameters, JsonElement? Body)
{
    public string Key => $"{Method} {Path}";
}

/// <summary>Reads /openapi/v1.json as the suite needs it: operations, parameters and schemas with references followed.</summary>
public sealed class OpenApiOperations(JsonElement document)
{
    public IReadOnlyList<OpenApiOperation> All()
    {
        var operations = new List<OpenApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                var parameters = method.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new OpenApiParameter(
                        p.GetProperty("name").GetString()!,
                        p.GetProperty("in").GetString()!,
                        p.TryGetProperty("required", out var required) && required.GetBoolean(),
                        Resolve(p.GetProperty("schema")))).ToList()
                    : [];
                JsonElement? body = method.Value.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.GetProperty("content").TryGetProperty("application/json", out var json)
                    ? Resolve(json.GetProperty("schema"))
                    : null;
                operations.Add(new OpenApiOperation(method.Name.ToUpperInvariant(), path.Name, parameters, body));
            }
        }

        return operations;
    }

    /// <summary>Follows <c>$ref</c> and unwraps <c>oneOf [null, $ref]</c>, the nullable reference form the document uses.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return Resolve(document.GetProperty("components").GetProperty("schemas").GetProperty(name));
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var notNull = oneOf.EnumerateArray().FirstOrDefault(s => !(s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"));
            return notNull.ValueKind == JsonValueKind.Undefined ? schema : Resolve(notNull);
        }

        return schema;
    }

    /// <summary>What a schema holds, ignoring "null" and the "string" that OpenAPI adds to every number.</summary>
    public static SchemaKind KindOf(JsonElement schema)
    {
        if (schema.TryGetProperty("enum", out _))
        {
            return SchemaKind.Enum;
        }

        var types = !schema.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray()
            : [type.GetString()!];
        return types.Contains("integer") ? SchemaKind.Integer
            : types.Contains("number") ? SchemaKind.Number
            : types.Contains("boolean") ? SchemaKind.Boolean
            : types.Contains("array") ? SchemaKind.Array
            : types.Contains("object") || schema.TryGetProperty("properties", out _) ? SchemaKind.Object
            : types.Contains("string") ? SchemaKind.String
            : SchemaKind.Unknown;
    }

    public static string? FormatOf(JsonElement schema) => schema.TryGetProperty("format", out var format) ? format.GetString() : null;
}

public enum SchemaKind
{
    Unknown,
    String,
    Integer,
    Number,
    Boolean,
    Enum,
    Array,
    Object,
}

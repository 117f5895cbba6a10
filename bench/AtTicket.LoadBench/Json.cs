using System.Text.Json;
using System.Text.Json.Serialization;

namespace AtTicket.LoadBench;

/// <summary>The API's JSON: camelCase properties, enums as camelCase strings.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The results file: indented, nulls left out.</summary>
    public static readonly JsonSerializerOptions Results = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace AtTicket.Web.Live;

internal static class LiveSetup
{
    public static void AddLiveHub(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(options =>
            options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddHostedService<SeatsHubBridge>();
    }

    public static void MapLiveHub(this WebApplication app) => app.MapHub<SeatsHub>(SeatsHub.Path);
}

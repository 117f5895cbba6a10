using System.Net;
using System.Text.Json;

namespace AtTicket.Web.Tests.Api.Queues;

/// <summary>The waiting line's API as a member's client calls it.</summary>
public static class QueueApi
{
    public static async Task<JsonElement> JoinAsync(ApiClient client, string line)
    {
        using var response = await client.PostAsync(line, new { });
        return await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Puts the show behind a line that opened a minute ago and lets one member shop at a time, paused or running.</summary>
    public static async Task SetCapOfOneAsync(ApiClient admin, string line, bool paused)
    {
        using var response = await admin.PutAsync($"{line}/line", new { opensAt = DateTimeOffset.UtcNow.AddMinutes(-1), maxShopping = 1, shoppingWindowMinutes = 10, paused });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>The line advances once a second on its own; asking keeps the member's place meanwhile.</summary>
    public static Task<JsonElement> UntilAdmittedAsync(ApiClient client, string line, string epoch) =>
        Within.ReadUntilAsync(
            () => client.GetJsonAsync($"{line}?epoch={epoch}"),
            place => place.GetProperty("standing").GetString() == "admitted",
            place => $"Still {place.GetProperty("standing").GetString()} in the line.",
            TimeSpan.FromSeconds(20));
}

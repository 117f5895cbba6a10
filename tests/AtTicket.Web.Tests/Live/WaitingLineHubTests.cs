using System.Net;
using System.Text.Json;
using AtTicket.Web.Live;
using AtTicket.Web.Tests.Api;
using AtTicket.Web.Tests.Api.Holds;
using AtTicket.Web.Tests.Api.Queues;
using Microsoft.AspNetCore.SignalR;

namespace AtTicket.Web.Tests.Live;

/// <summary><c>/hubs/queue</c>: a follower is told the line's counts as they change, and when the line ends.</summary>
public sealed class WaitingLineHubTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task A_performance_without_a_line_cannot_be_followed()
    {
        var show = await app.GridShowAsync(rows: 1, seatsPerRow: 2);
        await using var client = await HubClient.ConnectAsync(app.Services, WaitingLineHub.Path);

        var error = await Assert.ThrowsAsync<HubException>(() => client.InvokeForAnswerAsync("Follow", show.PerformanceId));

        Assert.Contains($"Performance {show.PerformanceId} has no waiting line.", error.Message);
    }

    [Fact]
    public async Task A_follower_hears_the_line_move_as_members_are_admitted_and_then_end()
    {
        var show = await app.GridShowAsync(rows: 1, seatsPerRow: 4);
        var line = $"/api/performances/{show.PerformanceId}/queue";
        using var admin = await app.AdminAsync();
        using var first = await app.NewMemberAsync();
        using var second = await app.NewMemberAsync();
        await QueueApi.SetCapOfOneAsync(admin, line, paused: true);
        await QueueApi.JoinAsync(first.Client, line);
        await QueueApi.JoinAsync(second.Client, line);
        await using var follower = await HubClient.ConnectAsync(app.Services, WaitingLineHub.Path);

        var asFollowed = await follower.InvokeForAnswerAsync("Follow", show.PerformanceId);
        await QueueApi.SetCapOfOneAsync(admin, line, paused: false);
        var moved = await NextWithShoppingAsync(follower, shopping: 1);
        using (var ended = await admin.DeleteAsync($"{line}/line"))
        {
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }

        Assert.Equal((show.PerformanceId, 2L, 0L, true), Counts(asFollowed));
        Assert.Equal((show.PerformanceId, 1L, 1L, false), Counts(moved));
        Assert.Equal(show.PerformanceId, (await NextOtherThanMovedAsync(follower, "LineEnded")).GetInt32());
    }

    private static (int, long, long, bool) Counts(JsonElement line) => (
        line.GetProperty("performanceId").GetInt32(),
        line.GetProperty("waiting").GetInt64(),
        line.GetProperty("shopping").GetInt64(),
        line.GetProperty("paused").GetBoolean());

    /// <summary>The unpausing may be told before the admission that follows it; the admission is what this waits for.</summary>
    private static async Task<JsonElement> NextWithShoppingAsync(HubClient follower, long shopping)
    {
        while (true)
        {
            var moved = await follower.NextAsync("LineMoved");
            if (moved.GetProperty("shopping").GetInt64() == shopping)
            {
                return moved;
            }
        }
    }

    private static async Task<JsonElement> NextOtherThanMovedAsync(HubClient follower, string method)
    {
        while (true)
        {
            var (received, body) = await follower.NextOfAnyAsync();
            if (received != "LineMoved")
            {
                Assert.Equal(method, received);
                return body;
            }
        }
    }
}

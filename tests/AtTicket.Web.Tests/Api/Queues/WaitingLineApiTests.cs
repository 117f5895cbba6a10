using System.Net;
using System.Text.Json;
using AtTicket.Web.Tests.Api.Holds;

namespace AtTicket.Web.Tests.Api.Queues;

/// <summary>
/// An on-sale behind a waiting line, through the API: members join, only the admitted may hold, the cap keeps the
/// rest waiting, and ending the line opens the seats to everyone.
/// </summary>
public sealed class WaitingLineApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Only_members_the_line_admitted_may_hold_and_the_cap_keeps_the_next_waiting_until_the_line_ends()
    {
        var show = await app.GridShowAsync(rows: 2, seatsPerRow: 5);
        var line = $"/api/performances/{show.PerformanceId}/queue";
        using var admin = await app.AdminAsync();
        using var first = await app.NewMemberAsync();
        using var second = await app.NewMemberAsync();
        await QueueApi.SetCapOfOneAsync(admin, line, paused: true);

        var firstPlace = await QueueApi.JoinAsync(first.Client, line);
        var secondPlace = await QueueApi.JoinAsync(second.Client, line);
        Assert.Equal(("waiting", 0), (firstPlace.GetProperty("standing").GetString(), firstPlace.GetProperty("ahead").GetInt64()));
        Assert.Equal(1, secondPlace.GetProperty("ahead").GetInt64());
        Assert.Equal(600, secondPlace.GetProperty("shoppingWindowSeconds").GetInt32());

        using (var refused = await first.Client.HoldAsync(show.PerformanceId, show.SeatIds[0]))
        {
            var problem = await ApiAssert.ProblemAsync(refused, HttpStatusCode.Forbidden);
            Assert.Equal(line, problem.GetProperty("queue").GetString());
            Assert.Contains("waiting line", problem.GetProperty("detail").GetString());
        }

        await QueueApi.SetCapOfOneAsync(admin, line, paused: false);

        var admitted = await QueueApi.UntilAdmittedAsync(first.Client, line, firstPlace.GetProperty("epoch").GetString()!);
        Assert.True(admitted.GetProperty("admittedUntil").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(9));
        await first.Client.HoldSuccessfullyAsync(show.PerformanceId, show.SeatIds[0]);

        var stillWaiting = await second.Client.GetJsonAsync($"{line}?epoch={secondPlace.GetProperty("epoch").GetString()}");
        Assert.Equal(("waiting", 0), (stillWaiting.GetProperty("standing").GetString(), stillWaiting.GetProperty("ahead").GetInt64()));
        using (var refused = await second.Client.HoldAsync(show.PerformanceId, show.SeatIds[1]))
        {
            await ApiAssert.ProblemAsync(refused, HttpStatusCode.Forbidden);
        }

        var counts = await admin.GetJsonAsync($"{line}/line");
        Assert.Equal((1, 1), (counts.GetProperty("waiting").GetInt64(), counts.GetProperty("shopping").GetInt64()));

        using (var ended = await admin.DeleteAsync($"{line}/line"))
        {
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }

        await second.Client.HoldSuccessfullyAsync(show.PerformanceId, show.SeatIds[1]);
        using var noLine = await second.Client.GetAsync(line);
        await ApiAssert.ProblemAsync(noLine, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_an_admin_sets_a_line_and_rules_that_make_no_sense_are_refused_with_the_reason()
    {
        var show = await app.GridShowAsync(rows: 1, seatsPerRow: 2);
        var line = $"/api/performances/{show.PerformanceId}/queue/line";
        using var member = await app.NewMemberAsync();
        using var admin = await app.AdminAsync();

        using (var byMember = await member.Client.PutAsync(line, new { opensAt = DateTimeOffset.UtcNow, admitPerMinute = 60 }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        }

        using (var neither = await admin.PutAsync(line, new { opensAt = DateTimeOffset.UtcNow }))
        {
            var problem = await ApiAssert.ProblemAsync(neither, HttpStatusCode.BadRequest);
            Assert.Contains("admission rate", problem.GetProperty("detail").GetString());
        }

        using (var tooShort = await admin.PutAsync(line, new { opensAt = DateTimeOffset.UtcNow, admitPerMinute = 60, graceSeconds = 5 }))
        {
            var problem = await ApiAssert.ValidationProblemAsync(tooShort, "graceSeconds");
            Assert.Contains("between 10 seconds and 30 minutes", problem.GetProperty("detail").GetString());
        }

        using (var noOpening = await admin.PutAsync(line, new { admitPerMinute = 60 }))
        {
            await ApiAssert.ValidationProblemAsync(noOpening, "opensAt");
        }

        using (var unknown = await admin.PutAsync("/api/performances/2000000000/queue/line", new { opensAt = DateTimeOffset.UtcNow, admitPerMinute = 60 }))
        {
            var problem = await ApiAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
            Assert.Equal("There is no performance with that id.", problem.GetProperty("detail").GetString());
        }

        await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.SeatIds[0]); // no line was set
    }

    [Fact]
    public async Task The_admin_sets_the_grace_period_and_a_paused_line_tells_its_members_without_a_wait_counting_down()
    {
        var show = await app.GridShowAsync(rows: 1, seatsPerRow: 2);
        var line = $"/api/performances/{show.PerformanceId}/queue";
        using var admin = await app.AdminAsync();
        using var member = await app.NewMemberAsync();
        using (var set = await admin.PutAsync($"{line}/line", new { opensAt = DateTimeOffset.UtcNow.AddMinutes(-1), admitPerMinute = 1, graceSeconds = 300, paused = true }))
        {
            Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        }

        var place = await QueueApi.JoinAsync(member.Client, line);
        Assert.Equal(("waiting", true), (place.GetProperty("standing").GetString(), place.GetProperty("paused").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, place.GetProperty("estimatedWaitSeconds").ValueKind);

        var rules = await admin.GetJsonAsync($"{line}/line");
        Assert.Equal((300, true), (rules.GetProperty("graceSeconds").GetInt32(), rules.GetProperty("paused").GetBoolean()));
    }
}

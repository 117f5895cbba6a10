using System.Text.Json;
using System.Threading.Channels;
using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Live;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Web.Live;
using AtTicket.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Live;

/// <summary>
/// <c>/hubs/seats</c> on the real app in memory (demo data, no Redis: the in-process bus), spoken to by
/// the SignalR client as a non-Blazor client would (long polling through the test server).
/// </summary>
public sealed class SeatsHubTests(ApiApp app) : IClassFixture<ApiApp>
{
    private const int Performance = 1;
    private const int OtherPerformance = 2;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_subscriber_receives_held_seats_and_its_grades_remaining_seats_as_camel_case_json()
    {
        await using var client = await HubClient.ConnectAsync(app.Services);
        await client.InvokeAsync("Subscribe", Performance);
        var (seatId, gradeId) = await AvailableSeatAsync(Performance);
        var before = (await app.Services.GetRequiredService<ISeatChangeBus>().CurrentSequenceAsync(Performance)).Sequence;

        await SeatSales.HoldAsync(app.Services, Performance, seatId);
        await NotifyAsync(Performance, seatId);

        var message = await client.NextAsync("SeatsChanged");
        Assert.Equal(["performanceId", "fromSequence", "sequence", "seats", "grades", "publishedAt"], message.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Performance, message.GetProperty("performanceId").GetInt32());
        Assert.True(message.GetProperty("sequence").GetInt64() > before, $"sequence {message.GetProperty("sequence")} after {before}");
        Assert.InRange(message.GetProperty("fromSequence").GetInt64(), before + 1, message.GetProperty("sequence").GetInt64());
        Assert.InRange(message.GetProperty("publishedAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        var seat = Assert.Single(message.GetProperty("seats").EnumerateArray());
        Assert.Equal(["id", "status"], seat.EnumerateObject().Select(p => p.Name));
        Assert.Equal((seatId, "held"), (seat.GetProperty("id").GetInt32(), seat.GetProperty("status").GetString()));
        var remaining = await app.Services.GetRequiredService<SeatAvailabilityReader>().GetRemainingAsync(Performance, Cancellation);
        var grades = message.GetProperty("grades").EnumerateArray().ToList();
        Assert.All(grades, g => Assert.Equal(["gradeId", "remaining"], g.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(
            remaining.Select(r => (r.GradeId, r.Remaining)).Order(),
            grades.Select(g => (g.GetProperty("gradeId").GetInt32(), g.GetProperty("remaining").GetInt32())).Order());
        Assert.Contains(gradeId, grades.Select(g => g.GetProperty("gradeId").GetInt32()));
    }

    [Fact]
    public async Task A_subscriber_of_another_performance_receives_nothing_of_this_one()
    {
        await using var other = await HubClient.ConnectAsync(app.Services);
        await other.InvokeAsync("Subscribe", OtherPerformance);
        var (seatId, _) = await AvailableSeatAsync(Performance);

        await SeatSales.HoldAsync(app.Services, Performance, seatId);
        await NotifyAsync(Performance, seatId);
        await NotifyAsync(OtherPerformance, (await AvailableSeatAsync(OtherPerformance)).SeatId);

        // Messages reach a connection in the order they were sent: the first it gets is the other performance's.
        var first = await other.NextAsync("SeatsChanged");
        Assert.Equal(OtherPerformance, first.GetProperty("performanceId").GetInt32());
    }

    [Fact]
    public async Task After_unsubscribing_a_client_receives_nothing_more_of_that_performance()
    {
        await using var client = await HubClient.ConnectAsync(app.Services);
        await client.InvokeAsync("Subscribe", Performance);
        await client.InvokeAsync("Subscribe", OtherPerformance);
        var (seatId, _) = await AvailableSeatAsync(Performance);
        await NotifyAsync(Performance, seatId);
        Assert.Equal(Performance, (await client.NextAsync("SeatsChanged")).GetProperty("performanceId").GetInt32());

        await client.InvokeAsync("Unsubscribe", Performance);
        await NotifyAsync(Performance, seatId);
        await NotifyAsync(OtherPerformance, (await AvailableSeatAsync(OtherPerformance)).SeatId);

        Assert.Equal(OtherPerformance, (await client.NextAsync("SeatsChanged")).GetProperty("performanceId").GetInt32());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task Subscribing_to_no_performance_is_refused_with_a_hub_error(int performanceId)
    {
        await using var client = await HubClient.ConnectAsync(app.Services);

        var error = await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync("Subscribe", performanceId));

        Assert.Contains("performanceId must be a positive performance id.", error.Message);
    }

    [Fact]
    public async Task A_resync_of_the_node_tells_every_client_to_reload()
    {
        await using var client = await HubClient.ConnectAsync(app.Services);
        await client.InvokeAsync("Subscribe", OtherPerformance); // a call that completes once connected

        await app.Services.GetRequiredService<SeatFeed>().ResyncAllAsync();

        await client.NextAsync("Resync");
    }

    private Task NotifyAsync(int performanceId, int seatId) =>
        app.Services.GetRequiredService<ISeatChangeNotifier>().SeatsChangedAsync(performanceId, [seatId], Cancellation);

    /// <summary>An available, graded seat of the performance, picked at random so tests sharing the app do not collide.</summary>
    private async Task<(int SeatId, int GradeId)> AvailableSeatAsync(int performanceId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Cancellation);
        var seats = await db.PerformanceSeats
            .Where(s => s.PerformanceId == performanceId && s.Status == SeatStatus.Available && s.GradeId != null)
            .Select(s => new { s.SeatId, GradeId = s.GradeId!.Value })
            .ToListAsync(Cancellation);
        Assert.NotEmpty(seats);
        var seat = seats[Random.Shared.Next(seats.Count)];
        return (seat.SeatId, seat.GradeId);
    }
}

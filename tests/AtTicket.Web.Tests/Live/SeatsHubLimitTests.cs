using AtTicket.Domain.Catalog;
using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using AtTicket.Web.Tests.Admin.Performances;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Web.Tests.Api;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Live;

/// <summary>What one <c>/hubs/seats</c> connection may follow: performances customers can see, at most a configured number.</summary>
public sealed class SeatsHubLimitTests(SeatsHubLimitTests.App app) : IClassFixture<SeatsHubLimitTests.App>
{
    private const int Cap = 2;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_performance_that_does_not_exist_is_refused_and_the_connection_goes_on()
    {
        await using var client = await HubClient.ConnectAsync(app.Services);

        var error = await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync("Subscribe", 987_654));

        Assert.Contains("There is no performance 987654 on sale.", error.Message);
        await client.InvokeAsync("Subscribe", 1);
        await NotifyAsync(1);
        Assert.Equal(1, (await client.NextAsync("SeatsChanged")).GetProperty("performanceId").GetInt32());
    }

    [Fact]
    public async Task A_performance_customers_cannot_see_is_refused()
    {
        var draft = await DraftPerformanceAsync();
        await using var client = await HubClient.ConnectAsync(app.Services);

        var error = await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync("Subscribe", draft));

        Assert.Contains($"There is no performance {draft} on sale.", error.Message);
    }

    [Fact]
    public async Task A_subscription_past_the_cap_is_refused_and_the_ones_before_it_still_deliver()
    {
        await using var client = await HubClient.ConnectAsync(app.Services);
        await client.InvokeAsync("Subscribe", 1);
        await client.InvokeAsync("Subscribe", 2);
        await client.InvokeAsync("Subscribe", 2); // the same one again takes no second place

        var error = await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync("Subscribe", 3));

        Assert.Contains($"A connection may follow at most {Cap} performances", error.Message);
        await NotifyAsync(3);
        await NotifyAsync(2);
        Assert.Equal(2, (await client.NextAsync("SeatsChanged")).GetProperty("performanceId").GetInt32());
    }

    [Fact]
    public async Task Unsubscribing_frees_a_place_under_the_cap()
    {
        await using var client = await HubClient.ConnectAsync(app.Services);
        await client.InvokeAsync("Subscribe", 1);
        await client.InvokeAsync("Subscribe", 2);

        await client.InvokeAsync("Unsubscribe", 1);
        await client.InvokeAsync("Subscribe", 3);

        await NotifyAsync(1);
        await NotifyAsync(3);
        Assert.Equal(3, (await client.NextAsync("SeatsChanged")).GetProperty("performanceId").GetInt32());
    }

    [Fact]
    public async Task The_cap_counts_per_connection()
    {
        await using var first = await HubClient.ConnectAsync(app.Services);
        await using var second = await HubClient.ConnectAsync(app.Services);
        await first.InvokeAsync("Subscribe", 1);
        await first.InvokeAsync("Subscribe", 2);

        await second.InvokeAsync("Subscribe", 1);
        await second.InvokeAsync("Subscribe", 3);

        await NotifyAsync(3);
        Assert.Equal(3, (await second.NextAsync("SeatsChanged")).GetProperty("performanceId").GetInt32());
    }

    private async Task NotifyAsync(int performanceId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Cancellation);
        var seatId = await db.PerformanceSeats.Where(s => s.PerformanceId == performanceId).Select(s => s.SeatId).FirstAsync(Cancellation);
        await app.Services.GetRequiredService<ISeatChangeNotifier>().SeatsChangedAsync(performanceId, [seatId], Cancellation);
    }

    /// <summary>A performance scheduled but not yet on sale, of a draft product, through the admin services.</summary>
    private async Task<int> DraftPerformanceAsync()
    {
        var data = new TestData(app.Services);
        var hall = await data.HallAsync();
        var productId = await data.ProductAsync(ProductCategory.Concert, "Not yet announced");
        return await data.PerformanceAsync(productId, hall, new GradeSeats(null, "R", 50_000, "#c0392b", [.. hall.Seats.Select(s => s.Id)]));
    }

    public sealed class App() : ApiApp(new Dictionary<string, string> { ["SeatsHub:MaxSubscriptionsPerConnection"] = "2" });
}

using AtTicket.Domain.Queues;
using AtTicket.Web.Tests.Api.Bookings;
using AtTicket.Web.Tests.Api.Holds;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Api.Queues;

/// <summary>A paid booking ends the member's turn in the line, so a cap lets the next member in at once.</summary>
public sealed class AdmissionAfterBookingTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Booking_ends_the_members_admission_and_the_cap_admits_the_next_member()
    {
        var show = await app.GridShowAsync(rows: 1, seatsPerRow: 4);
        var line = $"/api/performances/{show.PerformanceId}/queue";
        using var admin = await app.AdminAsync();
        using var first = await app.NewMemberAsync();
        using var second = await app.NewMemberAsync();
        await QueueApi.SetCapOfOneAsync(admin, line, paused: true);

        var firstPlace = await QueueApi.JoinAsync(first.Client, line);
        var secondPlace = await QueueApi.JoinAsync(second.Client, line);
        await QueueApi.SetCapOfOneAsync(admin, line, paused: false);

        await QueueApi.UntilAdmittedAsync(first.Client, line, firstPlace.GetProperty("epoch").GetString()!);
        await first.Client.BookSuccessfullyAsync(show.PerformanceId, show.SeatIds[0]);

        var room = app.Services.GetRequiredService<IWaitingRoom>();
        Assert.False(await room.IsAdmittedAsync(show.PerformanceId, first.Id, TestContext.Current.CancellationToken));

        // Without the booking ending the first member's turn, the cap of one would hold the second for ten minutes.
        await QueueApi.UntilAdmittedAsync(second.Client, line, secondPlace.GetProperty("epoch").GetString()!);
        await second.Client.HoldSuccessfullyAsync(show.PerformanceId, show.SeatIds[1]);
    }
}

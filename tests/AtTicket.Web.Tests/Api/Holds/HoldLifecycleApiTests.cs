using System.Net;

namespace AtTicket.Web.Tests.Api.Holds;

/// <summary>
/// GET and DELETE /api/holds/{id}: a member sees and releases only their own holds, and released seats
/// are for sale again at once in /seats and /availability.
/// </summary>
public sealed class HoldLifecycleApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Get_answers_the_members_hold_as_it_was_created()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var created = await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0], show.RowB[2]);

        var hold = await member.Client.GetJsonAsync($"/api/holds/{HoldApi.HoldId(created)}");

        ApiAssert.HasFields(hold, HoldApi.HoldFields);
        Assert.All(hold.GetProperty("seats").EnumerateArray(), s => ApiAssert.HasFields(s, HoldApi.SeatFields));
        Assert.Equal(created.ToString(), hold.ToString());
    }

    [Fact]
    public async Task Get_of_an_unknown_hold_answers_404()
    {
        using var member = await app.NewMemberAsync();

        using var response = await member.Client.GetAsync($"/api/holds/{Guid.NewGuid()}");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_members_hold_is_404_for_get_and_delete_and_stays_held()
    {
        var show = await SmallShowAsync();
        using var owner = await app.NewMemberAsync();
        using var stranger = await app.NewMemberAsync();
        var hold = await owner.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]);
        var path = $"/api/holds/{HoldApi.HoldId(hold)}";

        using var get = await stranger.Client.GetAsync(path);
        using var delete = await stranger.Client.DeleteAsync(path);

        await ApiAssert.ProblemAsync(get, HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(delete, HttpStatusCode.NotFound);
        Assert.Equal(HoldApi.HoldId(hold), HoldApi.HoldId(await owner.Client.GetJsonAsync(path)));
        Assert.Equal("held", (await owner.Client.SeatStatusesAsync(show.PerformanceId))[show.RowA[0]]);
    }

    [Fact]
    public async Task An_admin_cannot_read_or_release_a_customers_hold_either()
    {
        var show = await SmallShowAsync();
        using var owner = await app.NewMemberAsync();
        using var admin = await app.AdminAsync();
        var hold = await owner.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]);
        var path = $"/api/holds/{HoldApi.HoldId(hold)}";

        using var get = await admin.GetAsync(path);
        using var delete = await admin.DeleteAsync(path);

        await ApiAssert.ProblemAsync(get, HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(delete, HttpStatusCode.NotFound);
        Assert.Equal("held", (await owner.Client.SeatStatusesAsync(show.PerformanceId))[show.RowA[0]]);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_for_get_and_delete()
    {
        var show = await SmallShowAsync();
        using var owner = await app.NewMemberAsync();
        using var anonymous = app.Anonymous();
        var hold = await owner.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]);
        var path = $"/api/holds/{HoldApi.HoldId(hold)}";

        using var get = await anonymous.GetAsync(path);
        using var delete = await anonymous.DeleteAsync(path);

        await ApiAssert.ProblemAsync(get, HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(delete, HttpStatusCode.Unauthorized);
        Assert.Equal("held", (await owner.Client.SeatStatusesAsync(show.PerformanceId))[show.RowA[0]]);
    }

    [Fact]
    public async Task Delete_answers_204_and_the_seats_are_available_again_at_once()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var before = await member.Client.RemainingAsync(show.PerformanceId, show.GradeR);
        var hold = await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0], show.RowA[2]);
        var held = await member.Client.SeatStatusesAsync(show.PerformanceId);
        Assert.Equal(["held", "available", "held"], show.RowA.Select(id => held[id]));
        Assert.Equal(before - 2, await member.Client.RemainingAsync(show.PerformanceId, show.GradeR));

        using var response = await member.Client.DeleteAsync($"/api/holds/{HoldApi.HoldId(hold)}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        using var anonymous = app.Anonymous();
        var released = await anonymous.SeatStatusesAsync(show.PerformanceId);
        Assert.All(show.RowA, id => Assert.Equal("available", released[id]));
        Assert.Equal(before, await anonymous.RemainingAsync(show.PerformanceId, show.GradeR));
    }

    [Fact]
    public async Task Released_seats_can_be_held_by_another_member_at_once()
    {
        var show = await SmallShowAsync();
        using var first = await app.NewMemberAsync();
        using var second = await app.NewMemberAsync();
        var hold = await first.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowB[0], show.RowB[1]);
        using (var taken = await second.Client.HoldAsync(show.PerformanceId, show.RowB[0], show.RowB[1]))
        {
            await ApiAssert.ProblemAsync(taken, HttpStatusCode.Conflict);
        }

        using (var released = await first.Client.DeleteAsync($"/api/holds/{HoldApi.HoldId(hold)}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        }

        var secondHold = await second.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowB[0], show.RowB[1]);
        Assert.Equal([show.RowB[0], show.RowB[1]], HoldApi.SeatIds(secondHold).Order());
    }

    [Fact]
    public async Task A_released_hold_is_404_for_get_and_for_a_second_delete()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var hold = await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]);
        var path = $"/api/holds/{HoldApi.HoldId(hold)}";
        using (var first = await member.Client.DeleteAsync(path))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        }

        using var get = await member.Client.GetAsync(path);
        using var again = await member.Client.DeleteAsync(path);

        await ApiAssert.ProblemAsync(get, HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(again, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_of_an_unknown_hold_answers_404()
    {
        using var member = await app.NewMemberAsync();

        using var response = await member.Client.DeleteAsync($"/api/holds/{Guid.NewGuid()}");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_hold_id_that_is_not_a_guid_answers_404()
    {
        using var member = await app.NewMemberAsync();

        using var get = await member.Client.GetAsync("/api/holds/42");
        using var delete = await member.Client.DeleteAsync("/api/holds/42");

        await ApiAssert.ProblemAsync(get, HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(delete, HttpStatusCode.NotFound);
    }

    private async Task<SmallShow> SmallShowAsync()
    {
        using var admin = await app.AdminAsync();
        return await new AdminSetup(admin).SmallShowAsync("Hold lifecycle show");
    }
}

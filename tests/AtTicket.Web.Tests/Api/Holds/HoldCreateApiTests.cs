using System.Net;
using System.Text.Json;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Api.Holds;

/// <summary>
/// POST /api/performances/{id}/holds: the Hold it answers, best available, the conflict that names the
/// seats just taken, and every refusal. Each test has its own <see cref="SmallShow"/> (grade R = row A
/// at 80,000 won, grade S = row B at 50,000 won) and its own newly registered members.
/// </summary>
public sealed class HoldCreateApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Holding_seats_answers_201_with_the_hold_of_shared_API_md_and_its_location()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var before = DateTimeOffset.UtcNow;

        using var response = await member.Client.HoldAsync(show.PerformanceId, show.RowB[0], show.RowA[1]);

        var hold = await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        var after = DateTimeOffset.UtcNow;
        ApiAssert.HasFields(hold, HoldApi.HoldFields);
        Assert.Equal($"/api/holds/{HoldApi.HoldId(hold)}", ApiAssert.Location(response));
        Assert.NotEqual(Guid.Empty, HoldApi.HoldId(hold));
        Assert.Equal(show.PerformanceId, hold.GetProperty("performanceId").GetInt32());
        var seats = hold.GetProperty("seats").EnumerateArray().ToList();
        Assert.All(seats, s => ApiAssert.HasFields(s, HoldApi.SeatFields));
        Assert.Equal(
            [
                (show.RowA[1], "Main", "A", 2, show.GradeR, SmallShow.PriceR),
                (show.RowB[0], "Main", "B", 1, show.GradeS, SmallShow.PriceS),
            ],
            seats.Select(s => (
                s.GetProperty("id").GetInt32(),
                s.GetProperty("section").GetString(),
                s.GetProperty("row").GetString(),
                s.GetProperty("number").GetInt32(),
                s.GetProperty("gradeId").GetInt32(),
                s.GetProperty("price").GetInt64())).OrderBy(s => s.Item1));
        Assert.Equal(SmallShow.PriceR + SmallShow.PriceS, hold.GetProperty("total").GetInt64());

        // Held for the configured five minutes (Booking:HoldMinutes), stated as an instant with its offset.
        var expiresAt = hold.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt, before.AddMinutes(5).AddSeconds(-1), after.AddMinutes(5).AddSeconds(1));
        Assert.Matches(@"(Z|[+-]\d\d:\d\d)$", hold.GetProperty("expiresAt").GetString());

        var statuses = await member.Client.SeatStatusesAsync(show.PerformanceId);
        Assert.Equal("held", statuses[show.RowA[1]]);
        Assert.Equal("held", statuses[show.RowB[0]]);
        Assert.Equal("available", statuses[show.RowA[0]]);
    }

    [Fact]
    public async Task Best_available_holds_adjacent_seats_of_the_grade_in_one_row()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        await SeatSales.SellAsync(app.Services, show.PerformanceId, show.RowB[1]); // the middle of row B is gone

        using var response = await member.Client.HoldBestAsync(show.PerformanceId, show.GradeR, 2);

        var hold = await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        ApiAssert.HasFields(hold, HoldApi.HoldFields);
        var seats = hold.GetProperty("seats").EnumerateArray().ToList();
        Assert.Equal(2, seats.Count);
        Assert.All(seats, s => Assert.Equal(show.GradeR, s.GetProperty("gradeId").GetInt32()));
        Assert.All(seats, s => Assert.Equal("A", s.GetProperty("row").GetString()));
        var numbers = seats.Select(s => s.GetProperty("number").GetInt32()).Order().ToList();
        Assert.Equal(1, numbers[1] - numbers[0]);
        Assert.Equal(2 * SmallShow.PriceR, hold.GetProperty("total").GetInt64());
        Assert.Equal($"/api/holds/{HoldApi.HoldId(hold)}", ApiAssert.Location(response));
    }

    [Fact]
    public async Task Best_available_with_too_few_seats_left_in_the_grade_answers_409_and_holds_nothing()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        await SeatSales.SellAsync(app.Services, show.PerformanceId, show.RowA[0]);

        using var response = await member.Client.HoldBestAsync(show.PerformanceId, show.GradeR, 3);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Empty(problem.GetProperty("takenSeatIds").EnumerateArray());
        Assert.Empty(await HoldApi.HoldsOfAsync(app.Services, member.Id));
        var statuses = await member.Client.SeatStatusesAsync(show.PerformanceId);
        Assert.Equal(["available", "available"], [statuses[show.RowA[1]], statuses[show.RowA[2]]]);
    }

    [Fact]
    public async Task A_companion_seat_without_a_wheelchair_space_answers_422_naming_the_rule_and_nothing_is_held()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        await SetKindAsync(show.RowA[0], SeatKind.Wheelchair);
        await SetKindAsync(show.RowA[1], SeatKind.Companion);

        using var alone = await member.Client.HoldAsync(show.PerformanceId, show.RowA[1], show.RowA[2]);

        var problem = await ApiAssert.ProblemAsync(alone, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(CompanionSeatRule.Name, problem.GetProperty("rule").GetString());
        Assert.Equal(CompanionSeatRule.Reason, problem.GetProperty("detail").GetString());
        Assert.Empty(await HoldApi.HoldsOfAsync(app.Services, member.Id));
        await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0], show.RowA[1]);
    }

    /// <summary>A seat's kind as an admin's layout edit changes it: in the database, then the catalog cache invalidated.</summary>
    private async Task SetKindAsync(int seatId, SeatKind kind)
    {
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await db.Seats.Where(s => s.Id == seatId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Kind, kind), TestContext.Current.CancellationToken);
        }

        await app.Services.GetRequiredService<CatalogCacheInvalidator>().InvalidateCatalogAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_seat_held_by_someone_else_answers_409_naming_it_and_nothing_is_held()
    {
        var show = await SmallShowAsync();
        using var first = await app.NewMemberAsync();
        using var second = await app.NewMemberAsync();
        await first.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[1]);

        using var response = await second.Client.HoldAsync(show.PerformanceId, show.RowA[0], show.RowA[1], show.RowA[2]);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal([show.RowA[1]], ApiAssert.Ints(problem.GetProperty("takenSeatIds")));
        Assert.Empty(await HoldApi.HoldsOfAsync(app.Services, second.Id));
        var statuses = await second.Client.SeatStatusesAsync(show.PerformanceId);
        Assert.Equal(["available", "held", "available"], show.RowA.Select(id => statuses[id]));

        // Nothing half-held: the loser can take the seats that were free, at once.
        await second.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0], show.RowA[2]);
    }

    [Fact]
    public async Task A_sold_seat_answers_409_naming_it()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        await SeatSales.SellAsync(app.Services, show.PerformanceId, show.RowB[2]);

        using var response = await member.Client.HoldAsync(show.PerformanceId, show.RowB[1], show.RowB[2]);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal([show.RowB[2]], ApiAssert.Ints(problem.GetProperty("takenSeatIds")));
        Assert.Equal("available", (await member.Client.SeatStatusesAsync(show.PerformanceId))[show.RowB[1]]);
    }

    [Fact]
    public async Task Members_racing_for_the_same_seats_get_one_201_and_409s_never_an_error()
    {
        var show = await SmallShowAsync();
        var members = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.NewMemberAsync()));
        try
        {
            var responses = await Task.WhenAll(members.Select(m => m.Client.HoldAsync(show.PerformanceId, show.RowA[0], show.RowA[1])));

            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                var problem = await ApiAssert.ProblemAsync(loser, HttpStatusCode.Conflict);
                Assert.NotEmpty(problem.GetProperty("takenSeatIds").EnumerateArray());
            }

            var statuses = await members[0].Client.SeatStatusesAsync(show.PerformanceId);
            Assert.Equal(["held", "held", "available"], show.RowA.Select(id => statuses[id]));
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
        finally
        {
            foreach (var member in members)
            {
                member.Dispose();
            }
        }
    }

    [Fact]
    public async Task One_member_sending_parallel_holds_gets_exactly_one_and_400s_for_the_rest()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();

        var responses = await Task.WhenAll(show.RowA.Concat(show.RowB).Select(seat => member.Client.HoldAsync(show.PerformanceId, seat)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        Assert.Single(await HoldApi.HoldsOfAsync(app.Services, member.Id));
        Assert.Single((await member.Client.SeatStatusesAsync(show.PerformanceId)).Values, s => s == "held");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_seat_whose_hold_has_expired_can_be_held_at_once_before_the_sweeper_runs()
    {
        var show = await SmallShowAsync();
        using var first = await app.NewMemberAsync();
        using var second = await app.NewMemberAsync();
        var expired = await first.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]);
        await HoldApi.ExpireAsync(app.Services, HoldApi.HoldId(expired));

        var hold = await second.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]);

        Assert.Equal([show.RowA[0]], HoldApi.SeatIds(hold));
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        var show = await SmallShowAsync();
        using var anonymous = app.Anonymous();

        using var seats = await anonymous.HoldAsync(show.PerformanceId, show.RowA[0]);
        using var best = await anonymous.HoldBestAsync(show.PerformanceId, show.GradeR, 1);

        await ApiAssert.ProblemAsync(seats, HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(best, HttpStatusCode.Unauthorized);
        Assert.Equal("available", (await anonymous.SeatStatusesAsync(show.PerformanceId))[show.RowA[0]]);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"seatIds": []}""")]
    [InlineData("""{"quantity": 2}""")]
    public async Task A_request_that_names_no_seats_answers_400_naming_seatIds(string json)
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();

        using var response = await member.Client.SendRawAsync(HttpMethod.Post, $"/api/performances/{show.PerformanceId}/holds", json);

        await ApiAssert.ValidationProblemAsync(response, "seatIds");
    }

    [Fact]
    public async Task A_request_without_a_body_answers_400()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/performances/{show.PerformanceId}/holds")
        {
            Content = new StringContent(string.Empty, System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await member.Client.Http.SendAsync(request, TestContext.Current.CancellationToken);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_same_seat_twice_answers_400()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();

        using var response = await member.Client.HoldAsync(show.PerformanceId, show.RowA[0], show.RowA[0]);

        await AssertRefusedAsync(response, "twice");
        Assert.Equal("available", (await member.Client.SeatStatusesAsync(show.PerformanceId))[show.RowA[0]]);
    }

    [Fact]
    public async Task More_seats_than_MaxSeatsPerBooking_answer_400_and_hold_nothing()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();

        using var seats = await member.Client.HoldAsync(show.PerformanceId, [.. show.RowA, .. show.RowB.Take(2)]);
        using var best = await member.Client.HoldBestAsync(show.PerformanceId, show.GradeR, 5);

        await AssertRefusedAsync(seats, "at most 4 seats");
        await AssertRefusedAsync(best, "at most 4 seats");
        Assert.All((await member.Client.SeatStatusesAsync(show.PerformanceId)).Values, s => Assert.Equal("available", s));
        Assert.Empty(await HoldApi.HoldsOfAsync(app.Services, member.Id));
    }

    [Fact]
    public async Task MaxSeatsPerBooking_seats_are_allowed()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();

        var hold = await member.Client.HoldSuccessfullyAsync(show.PerformanceId, [.. show.RowA, show.RowB[0]]);

        Assert.Equal(4, HoldApi.SeatIds(hold).Count);
    }

    [Fact]
    public async Task A_quantity_of_zero_answers_400()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();

        using var response = await member.Client.HoldBestAsync(show.PerformanceId, show.GradeR, 0);

        await AssertRefusedAsync(response, "at least one seat");
    }

    [Fact]
    public async Task Seats_beyond_MaxSeatsPerMemberPerPerformance_counting_seats_bought_answer_400()
    {
        var (performanceId, _, seatIds) = await app.GridShowAsync(rows: 3, seatsPerRow: 4);
        using var member = await app.NewMemberAsync();
        await HoldApi.SellToAsync(app.Services, member.Id, performanceId, [.. seatIds.Take(6)]);

        using var tooMany = await member.Client.HoldAsync(performanceId, seatIds[6], seatIds[7], seatIds[8]);

        await AssertRefusedAsync(tooMany, "at most 8 seats for one performance");
        var hold = await member.Client.HoldSuccessfullyAsync(performanceId, seatIds[6], seatIds[7]);
        Assert.Equal(2, HoldApi.SeatIds(hold).Count);
    }

    [Fact]
    public async Task A_second_hold_while_one_is_active_answers_400_until_the_first_is_released()
    {
        var show = await SmallShowAsync();
        var other = await SmallShowAsync("Other show");
        using var member = await app.NewMemberAsync();
        var first = await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]);

        using var samePerformance = await member.Client.HoldAsync(show.PerformanceId, show.RowA[1]);
        using var otherPerformance = await member.Client.HoldAsync(other.PerformanceId, other.RowA[0]);

        await AssertRefusedAsync(samePerformance, "one booking at a time");
        await AssertRefusedAsync(otherPerformance, "one booking at a time");
        Assert.Equal("available", (await member.Client.SeatStatusesAsync(other.PerformanceId))[other.RowA[0]]);

        using var released = await member.Client.DeleteAsync($"/api/holds/{HoldApi.HoldId(first)}");
        Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        await member.Client.HoldSuccessfullyAsync(other.PerformanceId, other.RowA[0]);
    }

    [Fact]
    public async Task An_expired_hold_no_longer_counts_against_the_active_hold_limit()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        var first = await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[0]);
        await HoldApi.ExpireAsync(app.Services, HoldApi.HoldId(first));

        await member.Client.HoldSuccessfullyAsync(show.PerformanceId, show.RowA[1]);
    }

    [Fact]
    public async Task A_seat_the_performance_does_not_have_answers_400_and_holds_nothing()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();

        using var response = await member.Client.HoldAsync(show.PerformanceId, show.RowA[0], int.MaxValue);

        await AssertRefusedAsync(response, int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("available", (await member.Client.SeatStatusesAsync(show.PerformanceId))[show.RowA[0]]);
        Assert.Empty(await HoldApi.HoldsOfAsync(app.Services, member.Id));
    }

    [Fact]
    public async Task A_seat_of_another_hall_answers_400_and_holds_nothing()
    {
        var show = await SmallShowAsync();
        var other = await SmallShowAsync("Other show");
        using var member = await app.NewMemberAsync();

        using var response = await member.Client.HoldAsync(show.PerformanceId, show.RowA[0], other.RowA[0]);

        await AssertRefusedAsync(response, other.RowA[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("available", (await member.Client.SeatStatusesAsync(show.PerformanceId))[show.RowA[0]]);
        Assert.Equal("available", (await member.Client.SeatStatusesAsync(other.PerformanceId))[other.RowA[0]]);
    }

    [Fact]
    public async Task A_grade_the_performance_does_not_have_answers_400()
    {
        var show = await SmallShowAsync();
        var other = await SmallShowAsync("Other show");
        using var member = await app.NewMemberAsync();

        using var unknown = await member.Client.HoldBestAsync(show.PerformanceId, int.MaxValue, 1);
        using var foreign = await member.Client.HoldBestAsync(show.PerformanceId, other.GradeR, 1);

        await AssertRefusedAsync(unknown, "no such seat grade");
        await AssertRefusedAsync(foreign, "no such seat grade");
        Assert.All((await member.Client.SeatStatusesAsync(other.PerformanceId)).Values, s => Assert.Equal("available", s));
    }

    [Fact]
    public async Task A_draft_performance_answers_400()
    {
        var show = await SmallShowAsync(performanceStatus: "draft");
        using var member = await app.NewMemberAsync();

        using var seats = await member.Client.HoldAsync(show.PerformanceId, show.RowA[0]);
        using var best = await member.Client.HoldBestAsync(show.PerformanceId, show.GradeR, 1);

        await AssertRefusedAsync(seats, "not on sale");
        await AssertRefusedAsync(best, "not on sale");
        Assert.Empty(await HoldApi.HoldsOfAsync(app.Services, member.Id));
    }

    [Fact]
    public async Task A_performance_that_has_started_answers_400()
    {
        var show = await SmallShowAsync();
        using var member = await app.NewMemberAsync();
        await HoldApi.StartAsync(app.Services, show.PerformanceId);

        using var response = await member.Client.HoldAsync(show.PerformanceId, show.RowA[0]);

        await AssertRefusedAsync(response, "not on sale");
    }

    [Fact]
    public async Task An_on_sale_performance_of_a_product_that_is_not_on_sale_answers_400()
    {
        // The catalog hides this performance from customers (GET /api/performances/{id} is 404 for them),
        // so it is not on sale either and nobody may hold its seats.
        var show = await SmallShowAsync();
        using (var admin = await app.AdminAsync())
        using (var closed = await admin.PutAsync($"/api/products/{show.ProductId}", ProductBody.OnSale("Withdrawn show") with { Status = "closed" }))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        using var member = await app.NewMemberAsync();
        using (var visible = await member.Client.GetAsync($"/api/performances/{show.PerformanceId}"))
        {
            await ApiAssert.ProblemAsync(visible, HttpStatusCode.NotFound);
        }

        using var response = await member.Client.HoldAsync(show.PerformanceId, show.RowA[0]);

        await AssertRefusedAsync(response, "not on sale");
        Assert.Empty(await HoldApi.HoldsOfAsync(app.Services, member.Id));
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task An_unknown_performance_answers_404_not_a_hold(int performanceId)
    {
        using var member = await app.NewMemberAsync();

        using var response = await member.Client.HoldAsync(performanceId, 1);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("There is no performance with that id.", problem.GetProperty("detail").GetString());
        Assert.Empty(await HoldApi.HoldsOfAsync(app.Services, member.Id));
    }

    /// <summary>A 400 problem whose detail tells the caller which rule the request broke.</summary>
    private static async Task<JsonElement> AssertRefusedAsync(HttpResponseMessage response, string detail)
    {
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        return problem;
    }

    private async Task<SmallShow> SmallShowAsync(string title = "Hold show", string performanceStatus = "onSale", ProductBody? product = null)
    {
        using var admin = await app.AdminAsync();
        return await new AdminSetup(admin).SmallShowAsync(title, performanceStatus, product);
    }
}

using System.Net;
using System.Text.Json;

namespace AtTicket.Web.Tests.Api;

/// <summary>/api/venues and /api/halls: the venue list, seat maps, and the admin's edits of both.</summary>
public sealed class VenueApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Venues_list_every_venue_with_its_halls_and_seat_counts()
    {
        using var client = app.Anonymous();

        var venues = (await client.GetJsonAsync("/api/venues")).EnumerateArray().ToList();

        Assert.All(venues, v => ApiAssert.HasFields(v, "id", "name", "address", "halls", "nameKo", "addressKo"));
        var hanbit = venues.Single(v => v.GetProperty("name").GetString() == "Hanbit Concert Hall");
        Assert.Equal("Seocho-gu, Seoul", hanbit.GetProperty("address").GetString());
        var hall = Assert.Single(hanbit.GetProperty("halls").EnumerateArray());
        ApiAssert.HasFields(hall, "id", "name", "seatCount", "nameKo");
        Assert.Equal(("Main Hall", 1_024), (hall.GetProperty("name").GetString(), hall.GetProperty("seatCount").GetInt32()));
        Assert.Contains(venues, v => v.GetProperty("name").GetString() == "Daehangno Arts Theatre");
        Assert.Contains(venues, v => v.GetProperty("name").GetString() == "Cine Hangang");
    }

    [Fact]
    public async Task Hall_answers_its_layout_as_sections_rows_and_seats_with_positions()
    {
        using var admin = await app.AdminAsync();
        var setup = new AdminSetup(admin);
        var venueId = await setup.CreateVenueAsync("Layout venue");
        var hallId = (await setup.CreateHallAsync(venueId, TwoSections())).GetProperty("id").GetInt32();
        using var client = app.Anonymous();

        var hall = await client.GetJsonAsync($"/api/halls/{hallId}");

        ApiAssert.HasFields(hall, "id", "venueId", "venueName", "name", "seatCount", "sections", "nameKo");
        Assert.Equal((hallId, venueId, "Layout hall", 3), (hall.GetProperty("id").GetInt32(), hall.GetProperty("venueId").GetInt32(), hall.GetProperty("name").GetString(), hall.GetProperty("seatCount").GetInt32()));
        var sections = hall.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(["Left", "Right"], sections.Select(s => s.GetProperty("name").GetString()));
        ApiAssert.HasFields(sections[0], "name", "nameKo", "rows");
        var row = Assert.Single(sections[0].GetProperty("rows").EnumerateArray());
        ApiAssert.HasFields(row, "label", "seats");
        Assert.Equal("A", row.GetProperty("label").GetString());
        var seats = row.GetProperty("seats").EnumerateArray().ToList();
        Assert.All(seats, s => ApiAssert.HasFields(s, "id", "number", "x", "y", "kind"));
        Assert.Equal(
            [(1, 0.0, 0.0, "wheelchair"), (2, 1.0, 0.0, "companion")],
            seats.Select(s => (s.GetProperty("number").GetInt32(), s.GetProperty("x").GetDouble(), s.GetProperty("y").GetDouble(), s.GetProperty("kind").GetString())));
    }

    [Fact]
    public async Task Missing_hall_answers_404_problem()
    {
        using var client = app.Anonymous();

        using var response = await client.GetAsync("/api/halls/999999");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_creates_a_venue_that_the_list_shows()
    {
        using var admin = await app.AdminAsync();
        var name = ProductBody.Unique("Seongsu Stage");

        using var response = await admin.PostAsync("/api/venues", new VenueBody($"  {name} ", "Seongdong-gu, Seoul"));

        var created = await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        ApiAssert.HasFields(created, "id", "name", "address", "nameKo", "addressKo");
        Assert.Equal(name, created.GetProperty("name").GetString());
        using var client = app.Anonymous();
        var venue = (await client.GetJsonAsync("/api/venues")).EnumerateArray().Single(v => v.GetProperty("id").GetInt32() == created.GetProperty("id").GetInt32());
        Assert.Equal((name, "Seongdong-gu, Seoul"), (venue.GetProperty("name").GetString(), venue.GetProperty("address").GetString()));
        Assert.Empty(venue.GetProperty("halls").EnumerateArray());
    }

    [Fact]
    public async Task Created_venue_Location_reads_the_venue_back()
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PostAsync("/api/venues", new VenueBody(ProductBody.Unique("Round trip venue"), "Jung-gu, Seoul"));

        var created = await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        using var client = app.Anonymous();
        var read = await client.GetJsonAsync(ApiAssert.Location(response));
        Assert.Equal(created.GetProperty("id").GetInt32(), read.GetProperty("id").GetInt32());
        Assert.Equal(created.GetProperty("name").GetString(), read.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Venue_without_a_name_answers_400_naming_it(string? name)
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PostAsync("/api/venues", new VenueBody(name, "Somewhere"));

        await ApiAssert.ValidationProblemAsync(response, "name");
    }

    [Fact]
    public async Task Admin_renames_a_venue()
    {
        using var admin = await app.AdminAsync();
        var id = await new AdminSetup(admin).CreateVenueAsync("Old name");
        var name = ProductBody.Unique("New name");

        using var response = await admin.PutAsync($"/api/venues/{id}", new VenueBody(name, "Gangnam-gu, Seoul"));

        var renamed = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        ApiAssert.HasFields(renamed, "id", "name", "address", "nameKo", "addressKo");
        using var client = app.Anonymous();
        var venue = (await client.GetJsonAsync("/api/venues")).EnumerateArray().Single(v => v.GetProperty("id").GetInt32() == id);
        Assert.Equal((name, "Gangnam-gu, Seoul"), (venue.GetProperty("name").GetString(), venue.GetProperty("address").GetString()));
    }

    [Fact]
    public async Task Rename_of_a_missing_venue_answers_404_problem()
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PutAsync("/api/venues/999999", new VenueBody("Nowhere", "None"));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_adds_a_hall_that_its_Location_reads_back()
    {
        using var admin = await app.AdminAsync();
        var venueId = await new AdminSetup(admin).CreateVenueAsync("Hall venue");

        using var response = await admin.PostAsync($"/api/venues/{venueId}/halls", HallBody.Grid("Black box", rows: 2, seatsPerRow: 4));

        var created = await ApiAssert.JsonAsync(response, HttpStatusCode.Created);
        ApiAssert.HasFields(created, "id", "venueId", "venueName", "name", "seatCount", "sections", "nameKo");
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal($"/api/halls/{id}", ApiAssert.Location(response));
        using var client = app.Anonymous();
        var read = await client.GetJsonAsync(ApiAssert.Location(response));
        Assert.Equal(("Black box", 8), (read.GetProperty("name").GetString(), read.GetProperty("seatCount").GetInt32()));
        Assert.Equal(4, AdminSetup.SeatIdsOfRow(read, "B").Count);
        var venue = (await client.GetJsonAsync("/api/venues")).EnumerateArray().Single(v => v.GetProperty("id").GetInt32() == venueId);
        Assert.Equal(id, Assert.Single(venue.GetProperty("halls").EnumerateArray()).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Hall_for_a_missing_venue_answers_404_problem()
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PostAsync("/api/venues/999999/halls", HallBody.Grid("Orphan", 1, 1));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"name":"No seats","sections":[]}""")]
    [InlineData("""{"name":"No sections"}""")]
    [InlineData("""{"name":"Null sections","sections":null}""")]
    [InlineData("""{"name":"No rows","sections":[{"name":"Main"}]}""")]
    [InlineData("""{"sections":[{"name":"Main","rows":[{"label":"A","seats":[{"number":1,"x":0,"y":0}]}]}]}""")]
    [InlineData("""{"name":"Bad kind","sections":[{"name":"Main","rows":[{"label":"A","seats":[{"number":1,"x":0,"y":0,"kind":"vip"}]}]}]}""")]
    [InlineData("""{"name":"Same seat twice","sections":[{"name":"Main","rows":[{"label":"A","seats":[{"number":1,"x":0,"y":0},{"number":1,"x":1,"y":0}]}]}]}""")]
    [InlineData("""{"name":"Broken", "sections": [""")]
    public async Task Hall_layout_that_cannot_be_a_hall_answers_400_problem(string json)
    {
        using var admin = await app.AdminAsync();
        var venueId = await new AdminSetup(admin).CreateVenueAsync("Bad layouts");

        using var response = await admin.SendRawAsync(HttpMethod.Post, $"/api/venues/{venueId}/halls", json);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Second_hall_with_the_same_name_answers_400_problem()
    {
        using var admin = await app.AdminAsync();
        var setup = new AdminSetup(admin);
        var venueId = await setup.CreateVenueAsync("Twin halls");
        await setup.CreateHallAsync(venueId, HallBody.Grid("Studio", 1, 2));

        using var response = await admin.PostAsync($"/api/venues/{venueId}/halls", HallBody.Grid("studio", 1, 2));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Admin_reshapes_a_hall_keeping_the_ids_of_seats_it_keeps()
    {
        using var admin = await app.AdminAsync();
        var setup = new AdminSetup(admin);
        var hall = await setup.CreateHallAsync(await setup.CreateVenueAsync("Reshaped"), HallBody.Grid("Flexible", 2, 3));
        var hallId = hall.GetProperty("id").GetInt32();
        var layout = await LayoutAsync(admin, hallId);
        var removed = AdminSetup.SeatIdsOfRow(hall, "A")[1];
        var aisle = layout.WithoutSeat(removed);
        var widened = aisle with
        {
            Name = "Flexible II",
            Sections = [aisle.Sections![0] with { Rows = [.. aisle.Sections[0].Rows, new RowBody("C", [new SeatBody(null, 1, 0, 2, "wheelchair")])] }],
        };

        using var response = await admin.PutAsync($"/api/halls/{hallId}", widened);

        var saved = await ApiAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(("Flexible II", 6), (saved.GetProperty("name").GetString(), saved.GetProperty("seatCount").GetInt32()));
        var before = AdminSetup.SeatIdsOfRow(hall, "A").Concat(AdminSetup.SeatIdsOfRow(hall, "B")).Where(id => id != removed);
        var after = AdminSetup.SeatIdsOfRow(saved, "A").Concat(AdminSetup.SeatIdsOfRow(saved, "B"));
        Assert.Equal(before, after);
        Assert.Single(AdminSetup.SeatIdsOfRow(saved, "C"));
    }

    [Fact]
    public async Task Removing_a_sold_seat_from_a_hall_answers_409_with_its_id_and_keeps_the_seat()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Sold seat stays");
        var sold = show.RowB[1];
        await SeatSales.SellAsync(app.Services, show.PerformanceId, sold);
        var layout = await LayoutAsync(admin, show.HallId);

        using var response = await admin.PutAsync($"/api/halls/{show.HallId}", layout.WithoutSeat(sold));

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal([sold], ApiAssert.Ints(problem.GetProperty("lockedSeatIds")));
        var hall = await admin.GetJsonAsync($"/api/halls/{show.HallId}");
        Assert.Equal(6, hall.GetProperty("seatCount").GetInt32());
    }

    [Fact]
    public async Task Removing_an_unsold_seat_of_a_hall_with_a_performance_succeeds()
    {
        using var admin = await app.AdminAsync();
        var show = await new AdminSetup(admin).SmallShowAsync("Free seat goes");
        await SeatSales.SellAsync(app.Services, show.PerformanceId, show.RowB[1]);
        var layout = await LayoutAsync(admin, show.HallId);

        using var response = await admin.PutAsync($"/api/halls/{show.HallId}", layout.WithoutSeat(show.RowB[0]));

        Assert.Equal(5, (await ApiAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("seatCount").GetInt32());
        var availability = await admin.GetJsonAsync($"/api/performances/{show.PerformanceId}/availability");
        Assert.Equal(
            [(3, 3), (2, 1)],
            availability.GetProperty("grades").EnumerateArray().Select(g => (g.GetProperty("total").GetInt32(), g.GetProperty("remaining").GetInt32())));
    }

    [Fact]
    public async Task Reshaping_a_missing_hall_answers_404_problem()
    {
        using var admin = await app.AdminAsync();

        using var response = await admin.PutAsync("/api/halls/999999", HallBody.Grid("Nowhere", 1, 1));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Layout_naming_a_seat_of_another_hall_answers_400_problem()
    {
        using var admin = await app.AdminAsync();
        var setup = new AdminSetup(admin);
        var venueId = await setup.CreateVenueAsync("Two halls");
        var first = await setup.CreateHallAsync(venueId, HallBody.Grid("First", 1, 2));
        var second = await setup.CreateHallAsync(venueId, HallBody.Grid("Second", 1, 2));
        var layout = await LayoutAsync(admin, first.GetProperty("id").GetInt32());
        var foreign = AdminSetup.SeatIdsOfRow(second, "A")[0];
        var stolen = layout with { Sections = [layout.Sections![0] with { Rows = [layout.Sections[0].Rows[0] with { Seats = [.. layout.Sections[0].Rows[0].Seats, new SeatBody(foreign, 3, 2, 0, "normal")] }] }] };

        using var response = await admin.PutAsync($"/api/halls/{first.GetProperty("id").GetInt32()}", stolen);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(2, (await admin.GetJsonAsync($"/api/halls/{second.GetProperty("id").GetInt32()}")).GetProperty("seatCount").GetInt32());
    }

    /// <summary>The hall as GET answers it, read into the body PUT takes (the editor's export/import round trip).</summary>
    private static async Task<HallBody> LayoutAsync(ApiClient client, int hallId)
    {
        var hall = await client.GetJsonAsync($"/api/halls/{hallId}");
        return hall.Deserialize<HallBody>(ApiClient.Json)!;
    }

    private static HallBody TwoSections() =>
        new("Layout hall",
        [
            new SectionBody("Left", [new RowBody("A", [new SeatBody(null, 1, 0, 0, "wheelchair"), new SeatBody(null, 2, 1, 0, "companion")])]),
            new SectionBody("Right", [new RowBody("A", [new SeatBody(null, 1, 4, 0, "normal")])]),
        ]);
}

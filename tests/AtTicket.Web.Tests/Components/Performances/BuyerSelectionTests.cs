using AtTicket.Domain.Live;
using AtTicket.Domain.Performances;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Web.Components.Performances;

namespace AtTicket.Web.Tests.Components.Performances;

/// <summary>The seat selection rules of the performance page, without a renderer.</summary>
public class BuyerSelectionTests
{
    private const int MaxSeats = 3;
    private const int Unsold = 9;

    private static readonly GradeView Vip = new(1, "VIP", 150_000, "#7b1fa2");
    private static readonly GradeView R = new(2, "R", 120_000, "#2e7d32");
    private static readonly Dictionary<int, GradeView> Grades = new() { [Vip.Id] = Vip, [R.Id] = R };

    // Row A: seats 1-6, ordinary; seat 7 a wheelchair space; seat 8 a seat of the hall this performance does not sell.
    private static readonly IReadOnlyList<SeatView> Hall =
    [
        .. Enumerable.Range(1, 6).Select(n => new SeatView(n, "Floor", "A", n, n, 0, SeatKind.Normal)),
        new SeatView(7, "Floor", "A", 7, 7, 0, SeatKind.Wheelchair),
        new SeatView(8, "Floor", "A", 8, 8, 0, SeatKind.Normal),
    ];

    /// <summary>Seats 1-3 VIP, 4, 5 and 7 R, seat 6 in no grade; all available but the ones named.</summary>
    private static IEnumerable<SeatState> States(params (int SeatId, SeatStatus Status)[] others)
    {
        var status = others.ToDictionary(o => o.SeatId, o => o.Status);
        return Enumerable.Range(1, 7).Select(id =>
            new SeatState(id, id == 6 ? null : id <= 3 ? Vip.Id : R.Id, status.GetValueOrDefault(id, SeatStatus.Available)));
    }

    private static BuyerSelection Loaded(params (int SeatId, SeatStatus Status)[] others)
    {
        var selection = new BuyerSelection(MaxSeats);
        selection.Load(Grades, Hall, States(others));
        return selection;
    }

    private static SeatView Seat(int id) => Hall.Single(s => s.Id == id);

    [Fact]
    public void Only_the_seats_the_performance_sells_are_on_the_map()
    {
        var selection = Loaded();

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], selection.Seats.Select(s => s.Id));
    }

    [Fact]
    public void Picking_free_seats_adds_them_with_their_grades_in_the_order_picked()
    {
        var selection = Loaded();

        Assert.Equal(SelectionChange.Added, selection.Toggle(Seat(4), holding: false));
        Assert.Equal(SelectionChange.Added, selection.Toggle(Seat(1), holding: false));

        Assert.Equal([(4, R), (1, Vip)], selection.Picked.Select(p => (p.Seat.Id, p.Grade)));
    }

    [Fact]
    public void Clicking_a_picked_seat_again_removes_it()
    {
        var selection = Loaded();
        selection.Toggle(Seat(1), holding: false);

        Assert.Equal(SelectionChange.Removed, selection.Toggle(Seat(1), holding: false));

        Assert.Empty(selection.Picked);
    }

    [Theory]
    [InlineData(2, SeatStatus.Held)]
    [InlineData(2, SeatStatus.Sold)]
    [InlineData(6, SeatStatus.Available)]
    public void A_seat_that_is_taken_or_has_no_grade_cannot_be_picked(int seatId, SeatStatus status)
    {
        var selection = Loaded((seatId, status));

        Assert.Equal(SelectionChange.NotAvailable, selection.Toggle(Seat(seatId), holding: false));

        Assert.False(selection.IsFree(seatId));
        Assert.Empty(selection.PickedIds);
    }

    [Fact]
    public void No_more_than_the_limit_can_be_picked()
    {
        var selection = Loaded();
        foreach (var id in new[] { 1, 2, 3 })
        {
            selection.Toggle(Seat(id), holding: false);
        }

        Assert.Equal(SelectionChange.LimitReached, selection.Toggle(Seat(4), holding: false));

        Assert.Equal([1, 2, 3], selection.PickedIds);
    }

    [Fact]
    public void While_seats_are_held_no_others_can_be_picked()
    {
        var selection = Loaded();

        Assert.Equal(SelectionChange.HoldFirst, selection.Toggle(Seat(1), holding: true));

        Assert.Empty(selection.PickedIds);
    }

    [Fact]
    public void A_wheelchair_space_is_added_only_once_the_buyer_confirms_it()
    {
        var selection = Loaded();

        Assert.Equal(SelectionChange.ConfirmWheelchair, selection.Toggle(Seat(7), holding: false));
        Assert.Empty(selection.PickedIds);

        selection.Add(Seat(7));
        selection.Add(Seat(7));
        Assert.Equal([7], selection.PickedIds);
    }

    [Fact]
    public void A_picked_seat_someone_else_takes_leaves_the_selection_and_is_reported()
    {
        var selection = Loaded();
        selection.Toggle(Seat(1), holding: false);
        selection.Toggle(Seat(2), holding: false);

        var taken = selection.Apply([new SeatStatusChange(2, SeatStatus.Held), new SeatStatusChange(4, SeatStatus.Sold)], holdingNow: false);

        Assert.Equal([2], taken);
        Assert.Equal([1], selection.PickedIds);
        Assert.Equal(SeatStatus.Sold, selection.StateOf(4).Status);
    }

    [Fact]
    public void The_buyers_own_hold_turning_its_seats_held_is_no_news()
    {
        var selection = Loaded();
        selection.Toggle(Seat(1), holding: false);

        var taken = selection.Apply([new SeatStatusChange(1, SeatStatus.Held), new SeatStatusChange(Unsold, SeatStatus.Held)], holdingNow: true);

        Assert.Empty(taken);
        Assert.Equal([1], selection.PickedIds);
        Assert.Equal(SeatStatus.Held, selection.StateOf(1).Status);
    }

    [Fact]
    public void A_reload_drops_picked_seats_that_are_no_longer_available()
    {
        var selection = Loaded();
        selection.Toggle(Seat(1), holding: false);
        selection.Toggle(Seat(2), holding: false);

        selection.Load(Grades, Hall, States((1, SeatStatus.Sold)));

        Assert.Equal([2], selection.PickedIds);
    }

    [Fact]
    public void A_returning_guests_seats_keep_only_sellable_ones_and_before_holding_only_available_ones()
    {
        var selection = Loaded((2, SeatStatus.Held));

        var sellable = selection.Sellable([1, 2, 6, 8, Unsold]);
        Assert.Equal([1, 2], sellable);

        selection.Replace(sellable, availableOnly: true);
        Assert.Equal([1], selection.PickedIds);

        selection.Replace(sellable, availableOnly: false);
        Assert.Equal([1, 2], selection.PickedIds);
    }
}

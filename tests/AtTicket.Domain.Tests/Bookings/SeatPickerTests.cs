using AtTicket.Domain.Bookings;
using AtTicket.Domain.Venues;

namespace AtTicket.Domain.Tests.Bookings;

/// <summary>
/// Seats are placed in seat widths: neighbours in a row are 1 apart on X, rows are 1 apart on Y and
/// row A (Y = 0) is nearest the stage. A seat's id is 100 * (row index) + its X rounded down, so A3
/// (X = 3) is 3 and B3 is 103.
/// </summary>
public class SeatPickerTests
{
    private static CandidateSeat Seat(char row, double x, string section = "Floor") =>
        new((100 * (row - 'A')) + (int)x, section, row.ToString(), x, row - 'A');

    private static List<CandidateSeat> Row(char row, params double[] xs) => [.. xs.Select(x => Seat(row, x))];

    private static List<CandidateSeat> FullRow(char row, int seats) => Row(row, [.. Enumerable.Range(0, seats).Select(x => (double)x)]);

    [Fact]
    public void Picks_adjacent_seats_in_one_row()
    {
        var free = FullRow('A', 6);

        var chosen = SeatPicker.Choose(free, 3);

        Assert.Equal(3, chosen.Count);
        var xs = chosen.Select(id => free.Single(s => s.SeatId == id).X).Order().ToList();
        Assert.Equal([xs[0], xs[0] + 1, xs[0] + 2], xs);
    }

    [Fact]
    public void Picks_the_middle_of_the_row()
    {
        var chosen = SeatPicker.Choose(FullRow('A', 10), 2);

        Assert.Equal([4, 5], chosen.Order());
    }

    [Fact]
    public void Picks_the_block_nearest_the_middle_when_the_middle_is_taken()
    {
        // A4-A6 are gone; the middle of the section is at 4.5: A2-A3 is 2 away, A7-A8 is 3 away.
        var free = Row('A', 0, 1, 2, 3, 7, 8, 9);

        var chosen = SeatPicker.Choose(free, 2);

        Assert.Equal([2, 3], chosen.Order());
    }

    [Fact]
    public void Prefers_the_row_nearest_the_stage()
    {
        var free = FullRow('C', 10).Concat(FullRow('B', 10)).Concat(FullRow('A', 10)).ToList();

        var chosen = SeatPicker.Choose(free, 4);

        Assert.Equal([3, 4, 5, 6], chosen.Order());
    }

    [Fact]
    public void A_front_row_block_at_the_edge_beats_a_middle_block_further_back()
    {
        var free = Row('A', 0, 1, 2).Concat(FullRow('B', 10)).ToList();

        var chosen = SeatPicker.Choose(free, 3);

        Assert.Equal([0, 1, 2], chosen.Order());
    }

    [Fact]
    public void Never_splits_the_seats_when_a_row_further_back_has_them_side_by_side()
    {
        // Row A has five free seats but never three together; row B has one block of three.
        var free = Row('A', 0, 2, 4, 6, 8).Concat(Row('B', 7, 8, 9)).ToList();

        var chosen = SeatPicker.Choose(free, 3);

        Assert.Equal([107, 108, 109], chosen.Order());
    }

    [Fact]
    public void An_aisle_breaks_a_block()
    {
        // A0-A2 and A3.5-A5.5 sit either side of an aisle: six free seats in row A, but no four together.
        var free = Row('A', 0, 1, 2, 3.5, 4.5, 5.5).Concat(FullRow('B', 4)).ToList();

        var chosen = SeatPicker.Choose(free, 4);

        Assert.Equal([100, 101, 102, 103], chosen.Order());
    }

    [Fact]
    public void A_block_stays_within_one_section()
    {
        // Two sections whose seats line up across the join: no block may take seats of both.
        var left = new[] { Seat('A', 0, "Left"), Seat('A', 1, "Left") };
        var right = new[] { new CandidateSeat(50, "Right", "A", 2, 0), new CandidateSeat(51, "Right", "A", 3, 0) };
        var back = FullRow('B', 3);

        var chosen = SeatPicker.Choose([.. left, .. right, .. back], 3);

        Assert.Equal([100, 101, 102], chosen.Order());
    }

    [Fact]
    public void Falls_back_to_the_free_seats_nearest_the_stage_and_the_middle_when_no_row_has_a_block()
    {
        var free = Row('A', 0, 2, 4, 6, 8).Concat(Row('B', 3, 5)).ToList();

        var chosen = SeatPicker.Choose(free, 3);

        Assert.Equal([2, 4, 6], chosen.Order());
    }

    [Fact]
    public void The_fallback_moves_to_the_next_row_once_the_front_row_is_used_up()
    {
        var free = Row('A', 0, 2).Concat(Row('B', 1, 3, 5, 7, 9)).ToList();

        var chosen = SeatPicker.Choose(free, 3);

        // Both of row A, then the seat of row B nearest the middle of the section (X 0-9: 4.5).
        Assert.Equal([0, 2, 105], chosen.Order());
    }

    [Fact]
    public void Returns_nothing_when_fewer_seats_are_free_than_asked()
    {
        Assert.Empty(SeatPicker.Choose(Row('A', 0, 1, 5), 4));
    }

    [Fact]
    public void Returns_nothing_when_no_seat_is_free()
    {
        Assert.Empty(SeatPicker.Choose([], 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Returns_nothing_for_no_seats_asked(int quantity)
    {
        Assert.Empty(SeatPicker.Choose(FullRow('A', 4), quantity));
    }

    [Fact]
    public void Takes_every_free_seat_when_exactly_enough_are_left()
    {
        var free = Row('A', 0, 5).Concat(Row('C', 2)).ToList();

        var chosen = SeatPicker.Choose(free, 3);

        Assert.Equal([0, 5, 202], chosen.Order());
    }

    [Fact]
    public void Never_names_a_seat_twice_or_a_seat_that_is_not_free()
    {
        var free = Row('A', 1, 3, 4, 7).Concat(Row('B', 0, 2, 6)).ToList();

        for (var quantity = 1; quantity <= free.Count; quantity++)
        {
            var chosen = SeatPicker.Choose(free, quantity);

            Assert.Equal(quantity, chosen.Distinct().Count());
            Assert.All(chosen, id => Assert.Contains(free, s => s.SeatId == id));
        }
    }

    [Fact]
    public void Leaves_wheelchair_spaces_and_companion_seats_out_unless_asked()
    {
        // The middle of the front row is a wheelchair space with its companion seat; the row behind is plain.
        var front = FullRow('A', 6).Select(s => s.X switch
        {
            2 => s with { Kind = SeatKind.Wheelchair },
            3 => s with { Kind = SeatKind.Companion },
            _ => s,
        }).ToList();
        var free = front.Concat(FullRow('B', 6)).ToList();

        var chosen = SeatPicker.Choose(free, 2);

        Assert.All(chosen, id => Assert.False(free.Single(s => s.SeatId == id).IsAccessiblePlace));
        Assert.Equal([2, 3], SeatPicker.Choose(free, 2, includeAccessible: true).Order());
    }

    [Fact]
    public void Finds_nothing_when_only_accessible_places_are_left_and_none_were_asked_for()
    {
        var free = new List<CandidateSeat> { Seat('A', 0) with { Kind = SeatKind.Wheelchair }, Seat('A', 1) with { Kind = SeatKind.Companion } };

        Assert.Empty(SeatPicker.Choose(free, 1));
        Assert.Single(SeatPicker.Choose(free, 1, includeAccessible: true));
    }

    [Fact]
    public void Asked_for_accessible_places_it_never_chooses_a_companion_seat_without_a_wheelchair_space()
    {
        // Front row: a companion seat in the middle, its wheelchair space taken; plain seats around it.
        var front = FullRow('A', 6).Select(s => s.X == 3 ? s with { Kind = SeatKind.Companion } : s).ToList();
        var scattered = new List<CandidateSeat> { Seat('A', 0) with { Kind = SeatKind.Companion }, Seat('B', 0), Seat('C', 4) };

        var block = SeatPicker.Choose(front, 2, includeAccessible: true);
        var fallback = SeatPicker.Choose(scattered, 2, includeAccessible: true);

        Assert.Equal(2, block.Count);
        Assert.DoesNotContain(3, block.Select(id => (int)front.Single(s => s.SeatId == id).X));
        Assert.Equal([scattered[1].SeatId, scattered[2].SeatId], fallback.Order());
    }
}

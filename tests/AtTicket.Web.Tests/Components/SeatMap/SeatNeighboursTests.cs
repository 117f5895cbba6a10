using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Web.Components.SeatMap;

namespace AtTicket.Web.Tests.Components.SeatMap;

/// <summary>Where the arrow keys, Home and End lead from each seat, on small halls of the shapes real ones have.</summary>
public sealed class SeatNeighboursTests
{
    [Fact]
    public void Left_and_right_walk_the_row_by_position_whatever_the_list_order()
    {
        var hall = new HallSketch().Seat("S", "A", 3, x: 2, y: 0).Seat("S", "A", 1, x: 0, y: 0).Seat("S", "A", 2, x: 1, y: 0);

        Assert.Equal("S A-2", hall.Right("S A-1"));
        Assert.Equal("S A-3", hall.Right("S A-2"));
        Assert.Equal("S A-2", hall.Left("S A-3"));
        Assert.Equal("S A-1", hall.Left("S A-2"));
    }

    [Fact]
    public void The_ends_of_a_lone_row_lead_nowhere()
    {
        var hall = new HallSketch().Block("S", rows: 1, seats: 3, x: 0, y: 0);

        Assert.Null(hall.Left("S A-1"));
        Assert.Null(hall.Right("S A-3"));
        Assert.Null(hall.Up("S A-2"));
        Assert.Null(hall.Down("S A-2"));
    }

    [Fact]
    public void An_aisle_inside_a_row_is_stepped_over()
    {
        var hall = new HallSketch()
            .Seat("S", "A", 1, x: 0, y: 0).Seat("S", "A", 2, x: 1, y: 0)
            .Seat("S", "A", 3, x: 3.5, y: 0).Seat("S", "A", 4, x: 4.5, y: 0);

        Assert.Equal("S A-3", hall.Right("S A-2"));
        Assert.Equal("S A-2", hall.Left("S A-3"));
    }

    [Fact]
    public void At_a_row_end_left_and_right_cross_to_the_section_beside()
    {
        var hall = new HallSketch()
            .Block("Left", rows: 2, seats: 3, x: 0, y: 0)
            .Block("Right", rows: 2, seats: 3, x: 5, y: 0);

        Assert.Equal("Right A-1", hall.Right("Left A-3"));
        Assert.Equal("Right B-1", hall.Right("Left B-3"));
        Assert.Equal("Left A-3", hall.Left("Right A-1"));
        Assert.Null(hall.Right("Right A-3"));
        Assert.Null(hall.Left("Left B-1"));
    }

    [Fact]
    public void A_section_beside_with_staggered_rows_is_reached_on_the_nearest_line()
    {
        var hall = new HallSketch()
            .Block("Left", rows: 3, seats: 2, x: 0, y: 0)
            .Block("Box", rows: 1, seats: 2, x: 4, y: 1.4);

        Assert.Equal("Box A-1", hall.Right("Left B-2"));
        Assert.Equal("Box A-1", hall.Right("Left C-2"));
        Assert.Null(hall.Right("Left A-2")); // the box is more than a row below
        Assert.Equal("Left B-2", hall.Left("Box A-1"));
    }

    [Fact]
    public void A_row_end_does_not_jump_to_a_longer_row_behind_it()
    {
        // A fan: each row is two seats wider than the one in front.
        var hall = new HallSketch()
            .Seat("Fan", "A", 1, x: 1, y: 0).Seat("Fan", "A", 2, x: 2, y: 0)
            .Seat("Fan", "B", 1, x: 0, y: 1).Seat("Fan", "B", 2, x: 1, y: 1).Seat("Fan", "B", 3, x: 2, y: 1).Seat("Fan", "B", 4, x: 3, y: 1);

        Assert.Null(hall.Right("Fan A-2"));
        Assert.Null(hall.Left("Fan A-1"));
    }

    [Fact]
    public void Up_and_down_keep_to_the_same_place_in_the_next_row()
    {
        var hall = new HallSketch().Block("S", rows: 3, seats: 4, x: 0, y: 0);

        Assert.Equal("S A-3", hall.Up("S B-3"));
        Assert.Equal("S C-3", hall.Down("S B-3"));
        Assert.Null(hall.Up("S A-3"));
        Assert.Null(hall.Down("S C-3"));
    }

    [Fact]
    public void Rows_of_different_lengths_lead_to_the_closest_seat_across()
    {
        // Row A is short and centred; row B runs further both ways; row C is shifted half a seat.
        var hall = new HallSketch()
            .Seat("S", "A", 1, x: 2, y: 0).Seat("S", "A", 2, x: 3, y: 0)
            .Block("S", "B", seats: 6, x: 0, y: 1)
            .Block("S", "C", seats: 5, x: 0.5, y: 2);

        Assert.Equal("S A-1", hall.Up("S B-1"));
        Assert.Equal("S A-2", hall.Up("S B-6"));
        Assert.Equal("S B-3", hall.Down("S A-1"));
        Assert.Equal("S B-1", hall.Up("S C-1")); // half a seat either way: the one further left
        Assert.Equal("S C-5", hall.Down("S B-6"));
    }

    [Fact]
    public void Up_and_down_skip_a_gap_between_rows()
    {
        var hall = new HallSketch().Block("S", "A", seats: 3, x: 0, y: 0).Block("S", "B", seats: 3, x: 0, y: 4);

        Assert.Equal("S B-2", hall.Down("S A-2"));
        Assert.Equal("S A-2", hall.Up("S B-2"));
    }

    [Fact]
    public void Up_and_down_stay_in_the_section_while_it_has_rows_that_way()
    {
        // Two sections side by side whose rows sit at different heights.
        var hall = new HallSketch()
            .Block("Left", rows: 3, seats: 3, x: 0, y: 0)
            .Block("Right", rows: 2, seats: 3, x: 4, y: 0.5);

        Assert.Equal("Left A-3", hall.Up("Left B-3"));
        Assert.Equal("Left C-3", hall.Down("Left B-3"));
        Assert.Equal("Right A-1", hall.Up("Right B-1"));
    }

    [Fact]
    public void From_a_section_edge_up_and_down_go_to_the_section_in_front_or_behind()
    {
        // The demo concert hall's shape in small: a floor of two blocks and a balcony behind them.
        var hall = new HallSketch()
            .Block("Floor L", rows: 2, seats: 3, x: 0, y: 0)
            .Block("Floor R", rows: 2, seats: 3, x: 4, y: 0)
            .Block("Balcony", rows: 2, seats: 7, x: 0, y: 4);

        Assert.Equal("Balcony A-2", hall.Down("Floor L B-2"));
        Assert.Equal("Balcony A-7", hall.Down("Floor R B-3"));
        Assert.Equal("Floor L B-1", hall.Up("Balcony A-1"));
        Assert.Equal("Floor R B-2", hall.Up("Balcony A-6"));
        Assert.Equal("Floor L B-3", hall.Up("Balcony A-4")); // the aisle: nearest on the left wins a tie
        Assert.Null(hall.Up("Floor R A-1"));
        Assert.Null(hall.Down("Balcony B-1"));
    }

    [Fact]
    public void Home_and_end_are_the_first_and_last_seat_of_the_row()
    {
        var hall = new HallSketch()
            .Block("Left", rows: 2, seats: 4, x: 0, y: 0)
            .Block("Right", rows: 2, seats: 2, x: 5, y: 0);

        Assert.Equal("Left B-1", hall.Home("Left B-3"));
        Assert.Equal("Left B-4", hall.End("Left B-3"));
        Assert.Equal("Left A-1", hall.Home("Left A-1"));
        Assert.Equal("Right A-2", hall.End("Right A-1"));
    }

    [Fact]
    public void A_wheelchair_row_of_spread_pairs_is_walked_pair_by_pair()
    {
        var hall = new HallSketch()
            .Block("Cinema", "A", seats: 10, x: 0, y: 0)
            .Seat("Cinema", "J", 1, x: 1, y: 2, SeatKind.Wheelchair).Seat("Cinema", "J", 2, x: 2, y: 2, SeatKind.Companion)
            .Seat("Cinema", "J", 3, x: 5.5, y: 2, SeatKind.Wheelchair).Seat("Cinema", "J", 4, x: 6.5, y: 2, SeatKind.Companion);

        Assert.Equal("Cinema J-3", hall.Right("Cinema J-2"));
        Assert.Equal("Cinema A-6", hall.Up("Cinema J-3")); // x 5.5: seats at 5 and 6 tie, the left one wins
        Assert.Equal("Cinema J-3", hall.Down("Cinema A-7"));
    }

    [Fact]
    public void A_gently_curved_row_is_still_one_row()
    {
        var hall = new HallSketch()
            .Seat("S", "A", 1, x: 0, y: 0.3).Seat("S", "A", 2, x: 1, y: 0).Seat("S", "A", 3, x: 2, y: 0.3)
            .Seat("S", "B", 1, x: 0, y: 1.3).Seat("S", "B", 2, x: 1, y: 1).Seat("S", "B", 3, x: 2, y: 1.3);

        Assert.Equal("S A-2", hall.Right("S A-1"));
        Assert.Null(hall.Up("S A-1"));
        Assert.Equal("S A-2", hall.Up("S B-2"));
        Assert.Equal("S B-3", hall.Down("S A-3"));
    }

    [Fact]
    public void Tab_enters_at_the_top_left_seat()
    {
        var hall = new HallSketch()
            .Block("Balcony", rows: 1, seats: 3, x: 0, y: 5)
            .Block("Floor R", rows: 1, seats: 3, x: 4, y: 0)
            .Block("Floor L", rows: 1, seats: 3, x: 0, y: 0);

        Assert.Equal("Floor L A-1", hall.Name(hall.Neighbours.First));
    }

    [Fact]
    public void An_empty_hall_has_no_first_seat()
    {
        Assert.Null(new SeatNeighbours([]).First);
    }

    [Fact]
    public void Unsaved_seats_with_negative_ids_are_linked_like_any_other()
    {
        var hall = new HallSketch(firstId: -1, step: -1).Block("S", rows: 2, seats: 2, x: 0, y: 0);

        Assert.Equal("S A-2", hall.Right("S A-1"));
        Assert.Equal("S B-2", hall.Down("S A-2"));
        Assert.Equal("S A-1", hall.Name(hall.Neighbours.First));
    }

    [Fact]
    public void Every_seat_of_the_demo_concert_hall_has_moves_and_none_leads_to_itself()
    {
        var hall = new HallSketch()
            .Block("Floor A", rows: 20, seats: 10, x: 0, y: 3).Block("Floor B", rows: 20, seats: 16, x: 12, y: 3).Block("Floor C", rows: 20, seats: 10, x: 30, y: 3)
            .Block("Balcony L", rows: 8, seats: 10, x: 0, y: 26).Block("Balcony C", rows: 8, seats: 18, x: 11, y: 26).Block("Balcony R", rows: 8, seats: 10, x: 30, y: 26);

        Assert.Equal(1024, hall.Seats.Count);
        Assert.All(hall.Seats, seat =>
        {
            var moves = hall.Neighbours[seat.Id];
            Assert.DoesNotContain(seat.Id, new[] { moves.Left, moves.Right, moves.Up, moves.Down });
        });
        Assert.Equal("Floor B A-1", hall.Right("Floor A A-10"));
        Assert.Equal("Balcony C A-2", hall.Down("Floor B T-1"));
        Assert.Equal("Floor C T-1", hall.Up("Balcony R A-1"));
    }

    /// <summary>A hall drawn seat by seat or block by block; seats are named "Section Row-Number" in the asserts.</summary>
    private sealed class HallSketch(int firstId = 1, int step = 1)
    {
        private readonly List<SeatView> _seats = [];
        private SeatNeighbours? _neighbours;

        public IReadOnlyList<SeatView> Seats => _seats;

        public SeatNeighbours Neighbours => _neighbours ??= new SeatNeighbours(_seats);

        public HallSketch Seat(string section, string row, int number, double x, double y, SeatKind kind = SeatKind.Normal)
        {
            _seats.Add(new SeatView(firstId + (_seats.Count * step), section, row, number, x, y, kind));
            _neighbours = null;
            return this;
        }

        /// <summary>Rows A, B, C... one seat width apart, seats numbered from 1 left to right.</summary>
        public HallSketch Block(string section, int rows, int seats, double x, double y)
        {
            for (var r = 0; r < rows; r++)
            {
                Block(section, ((char)('A' + r)).ToString(), seats, x, y + r);
            }

            return this;
        }

        public HallSketch Block(string section, string row, int seats, double x, double y)
        {
            for (var i = 0; i < seats; i++)
            {
                Seat(section, row, i + 1, x + i, y);
            }

            return this;
        }

        public string? Left(string seat) => Name(Neighbours[Id(seat)].Left);

        public string? Right(string seat) => Name(Neighbours[Id(seat)].Right);

        public string? Up(string seat) => Name(Neighbours[Id(seat)].Up);

        public string? Down(string seat) => Name(Neighbours[Id(seat)].Down);

        public string? Home(string seat) => Name(Neighbours[Id(seat)].Home);

        public string? End(string seat) => Name(Neighbours[Id(seat)].End);

        public string? Name(int? id) => id is null ? null : NameOf(_seats.Single(s => s.Id == id));

        private static string NameOf(SeatView seat) => $"{seat.Section} {seat.Row}-{seat.Number}";

        private int Id(string name) => _seats.Single(s => NameOf(s) == name).Id;
    }
}

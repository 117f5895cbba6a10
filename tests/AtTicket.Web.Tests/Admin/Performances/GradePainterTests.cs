using AtTicket.Domain.Performances;
using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Web.Components.Admin.Performances;

namespace AtTicket.Web.Tests.Admin.Performances;

public class GradePainterTests
{
    // Section "Floor": rows A-C of 4 seats (ids 1-12); section "Balcony": rows A-B of 4 seats (ids 13-20).
    private static readonly IReadOnlyList<SeatView> Hall =
    [
        .. Seats("Floor", rows: 3, firstId: 1, top: 0),
        .. Seats("Balcony", rows: 2, firstId: 13, top: 5),
    ];

    private readonly GradeDraft _vip = new(null, "VIP", 150_000, "#7b1fa2");
    private readonly GradeDraft _r = new(null, "R", 120_000, "#2e7d32");

    [Fact]
    public void Painting_a_block_gives_every_seat_in_it_the_brush_grade()
    {
        var painter = new GradePainter(Hall, [_vip, _r]) { Brush = _r };

        var result = painter.Paint(Hall.Where(s => s.Section == "Floor" && s.Row is "A" or "B" && s.Number <= 2));

        Assert.Equal(4, result.Changed);
        Assert.Equal(4, painter.CountOf(_r));
        Assert.All(new[] { 1, 2, 5, 6 }, id => Assert.Same(_r, painter.GradeOf(id)));
        Assert.Null(painter.GradeOf(3));
    }

    [Fact]
    public void The_row_tool_paints_the_whole_row_of_the_clicked_seat_and_nothing_else()
    {
        var painter = new GradePainter(Hall, [_vip]) { Tool = PaintTool.Row };

        painter.Click(Seat(6)); // Floor, row B

        Assert.Equal([5, 6, 7, 8], Hall.Where(s => painter.GradeOf(s.Id) is not null).Select(s => s.Id));
    }

    [Fact]
    public void The_section_tool_paints_the_whole_section_of_the_clicked_seat()
    {
        var painter = new GradePainter(Hall, [_vip]) { Tool = PaintTool.Section };

        painter.Click(Seat(14));

        Assert.Equal(8, painter.CountOf(_vip));
        Assert.All(Hall.Where(s => s.Section == "Balcony"), s => Assert.Same(_vip, painter.GradeOf(s.Id)));
        Assert.Equal(12, painter.UnassignedCount);
    }

    [Fact]
    public void A_sold_seat_keeps_its_grade_when_painted_over_and_is_reported()
    {
        var painter = Loaded(soldSeatId: 2);
        painter.Brush = painter.Grades.Single(g => g.Name == "R");

        var click = painter.Click(Seat(2));
        var block = painter.Paint(Hall.Where(s => s.Section == "Floor" && s.Row == "A"));

        Assert.Equal(0, click.Changed);
        Assert.Equal([2], click.Locked.Select(s => s.Id));
        Assert.Equal(3, block.Changed);
        Assert.Equal([2], block.Locked.Select(s => s.Id));
        Assert.Equal("VIP", painter.GradeOf(2)!.Name);
        Assert.Equal(SeatStatus.Sold, painter.LockOf(2));
    }

    [Fact]
    public void The_eraser_cannot_unassign_a_sold_seat_nor_can_its_grade_be_removed()
    {
        var painter = Loaded(soldSeatId: 2);
        var vip = painter.Grades.Single(g => g.Name == "VIP");
        painter.Brush = null;

        painter.Paint(Hall);

        Assert.Equal(Hall.Count - 1, painter.UnassignedCount);
        Assert.False(painter.RemoveGrade(vip));
        Assert.Contains(vip, painter.Grades);
    }

    [Fact]
    public void The_unassigned_count_falls_as_seats_are_painted_and_fill_unassigned_completes_the_map()
    {
        var painter = new GradePainter(Hall, [_vip, _r]);
        Assert.Equal(20, painter.UnassignedCount);

        painter.PaintSectionOf(Seat(1));
        Assert.Equal(8, painter.UnassignedCount);

        painter.Brush = _r;
        var fill = painter.PaintUnassigned();

        Assert.Equal(8, fill.Changed);
        Assert.Equal(0, painter.UnassignedCount);
        Assert.Equal(12, painter.CountOf(_vip));
    }

    [Fact]
    public void Removing_a_grade_leaves_its_seats_unassigned()
    {
        var painter = new GradePainter(Hall, [_vip, _r]) { Brush = _r };
        painter.PaintSectionOf(Seat(13));

        Assert.True(painter.RemoveGrade(_r));

        Assert.Equal(20, painter.UnassignedCount);
        Assert.Same(_vip, painter.Brush);
    }

    [Fact]
    public void The_plan_lists_each_grade_with_its_seats_and_keeps_saved_grade_ids()
    {
        var painter = Loaded(soldSeatId: null);

        var plan = painter.ToPlan();

        Assert.Equal([(10, "VIP", 12), (11, "R", 8)], plan.Select(g => (g.GradeId!.Value, g.Name, g.SeatIds.Count)));
    }

    [Fact]
    public void Two_grades_with_one_name_are_a_problem()
    {
        var painter = new GradePainter(Hall, [_vip, new GradeDraft(null, " vip ", 1_000, "#000000")]);

        Assert.Equal("Two grades have the same name.", painter.Problem);
    }

    [Fact]
    public void Seats_sold_after_loading_get_their_saved_grade_back_and_lock()
    {
        var painter = Loaded(soldSeatId: null);
        painter.Brush = painter.Grades.Single(g => g.Name == "R");
        painter.Paint([Seat(3)]);

        var restored = painter.ApplyLocks([new SeatState(3, 10, SeatStatus.Sold)]);

        Assert.Equal([3], restored.Select(s => s.Id));
        Assert.Equal("VIP", painter.GradeOf(3)!.Name);
        Assert.Equal(SeatStatus.Sold, painter.LockOf(3));
    }

    /// <summary>A saved performance: grade 10 "VIP" on the floor, grade 11 "R" on the balcony.</summary>
    private static GradePainter Loaded(int? soldSeatId) => GradePainter.ForPerformance(
        Hall,
        [new GradeView(10, "VIP", 150_000, "#7b1fa2"), new GradeView(11, "R", 120_000, "#2e7d32")],
        [.. Hall.Select(s => new SeatState(s.Id, s.Section == "Floor" ? 10 : 11, s.Id == soldSeatId ? SeatStatus.Sold : SeatStatus.Available))]);

    private static SeatView Seat(int id) => Hall.Single(s => s.Id == id);

    private static IEnumerable<SeatView> Seats(string section, int rows, int firstId, double top) =>
        Enumerable.Range(0, rows * 4).Select(i => new SeatView(
            firstId + i, section, ((char)('A' + (i / 4))).ToString(), (i % 4) + 1, i % 4, top + (i / 4), SeatKind.Normal));
}

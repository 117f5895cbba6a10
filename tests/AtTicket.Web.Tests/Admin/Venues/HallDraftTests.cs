using AtTicket.Domain.Venues;
using AtTicket.Infrastructure.Catalog;
using AtTicket.Infrastructure.Venues;
using AtTicket.Web.Components.Admin.Venues;

namespace AtTicket.Web.Tests.Admin.Venues;

public class HallDraftTests
{
    [Fact]
    public void Generate_labels_rows_with_letters_and_numbers_seats_left_to_right()
    {
        var draft = HallDraft.ForNewHall(venueId: 1);

        var error = draft.Generate(new RowPlan("Stalls", Rows: 3, SeatsPerRow: 4, X: 2, Y: 5));

        Assert.Null(error);
        Assert.Equal(12, draft.SeatCount);
        Assert.Equal(["A", "B", "C"], draft.Seats.Select(s => s.Row).Distinct());
        var rowA = draft.Seats.Where(s => s.Row == "A").OrderBy(s => s.X).ToList();
        Assert.Equal([1, 2, 3, 4], rowA.Select(s => s.Number));
        Assert.Equal([2.0, 3.0, 4.0, 5.0], rowA.Select(s => s.X));
        Assert.All(rowA, s => Assert.Equal(5, s.Y));
        Assert.All(draft.Seats.Where(s => s.Row == "C"), s => Assert.Equal(7, s.Y));
        Assert.All(draft.Seats, s => Assert.True(s.Id < 0, "unsaved seats have temporary negative ids"));
        Assert.Equal(draft.SeatCount, draft.Seats.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public void Generate_numbers_seats_right_to_left_from_the_starting_number()
    {
        var draft = HallDraft.ForNewHall(1);

        draft.Generate(new RowPlan("Balcony", Rows: 1, SeatsPerRow: 3, Numbering: SeatNumbering.RightToLeft, FirstNumber: 101));

        Assert.Equal([103, 102, 101], draft.Seats.OrderBy(s => s.X).Select(s => s.Number));
    }

    [Fact]
    public void Generate_with_number_labels_starts_at_the_first_row_given()
    {
        var draft = HallDraft.ForNewHall(1);

        draft.Generate(new RowPlan("Floor", Rows: 3, SeatsPerRow: 1, Labels: RowLabelStyle.Numbers, FirstRow: "7"));

        Assert.Equal(["7", "8", "9"], draft.Seats.OrderBy(s => s.Y).Select(s => s.Row));
    }

    [Fact]
    public void Letter_row_labels_continue_past_Z_with_two_letters()
    {
        var draft = HallDraft.ForNewHall(1);

        draft.Generate(new RowPlan("Floor", Rows: 3, SeatsPerRow: 1, FirstRow: "Y"));

        Assert.Equal(["Y", "Z", "AA"], draft.Seats.OrderBy(s => s.Y).Select(s => s.Row));
        Assert.Equal(27, RowLabels.Parse(RowLabelStyle.Letters, "aa"));
    }

    [Fact]
    public void Generate_refuses_a_block_that_repeats_a_seat_label_and_changes_nothing()
    {
        var draft = HallDraft.ForNewHall(1);
        draft.Generate(new RowPlan("Stalls", Rows: 2, SeatsPerRow: 4));

        var error = draft.Generate(new RowPlan("stalls", Rows: 1, SeatsPerRow: 2, FirstRow: "B", FirstNumber: 4, Y: 10));

        Assert.NotNull(error);
        Assert.Contains("Stalls B-4", error.ToString());
        Assert.Equal(8, draft.SeatCount);
    }

    [Fact]
    public void Generate_refuses_spacing_that_would_overlap_seats()
    {
        var draft = HallDraft.ForNewHall(1);

        var error = draft.Generate(new RowPlan("Stalls", Rows: 2, SeatsPerRow: 2, SeatSpacing: 0.5));

        Assert.NotNull(error);
        Assert.Equal(0, draft.SeatCount);
    }

    [Fact]
    public void Removing_a_selected_seat_leaves_a_gap_and_keeps_the_others()
    {
        var draft = Stalls(rows: 1, seats: 5);
        var third = SeatAt(draft, "A", 3);

        draft.Selection.Toggle(third.Id);
        var removed = draft.RemoveSelected();

        Assert.Equal(1, removed);
        Assert.Equal([1, 2, 4, 5], draft.Seats.Select(s => s.Number).Order());
        Assert.Empty(draft.Selection.Ids);
        Assert.Equal(4.0, SeatAt(draft, "A", 5).X);
    }

    [Fact]
    public void Marking_selected_seats_as_wheelchair_changes_only_those_seats()
    {
        var draft = Stalls(rows: 2, seats: 4);
        draft.Selection.Add([SeatAt(draft, "B", 1).Id, SeatAt(draft, "B", 2).Id]);

        draft.MarkSelected(SeatKind.Wheelchair);

        Assert.Equal(["B-1", "B-2"], draft.Seats.Where(s => s.Kind == SeatKind.Wheelchair).Select(s => $"{s.Row}-{s.Number}").Order());
        Assert.Equal(6, draft.Seats.Count(s => s.Kind == SeatKind.Normal));
        Assert.Equal(2, draft.Summary().Single().Wheelchair);
    }

    [Fact]
    public void Marking_seats_clears_the_selection_even_when_no_seat_changes_kind()
    {
        var draft = Stalls(rows: 1, seats: 4);
        draft.Selection.Add([SeatAt(draft, "A", 1).Id]);

        draft.MarkSelected(SeatKind.Companion);
        Assert.Empty(draft.Selection.Ids);

        draft.Selection.Add([SeatAt(draft, "A", 1).Id]);
        draft.MarkSelected(SeatKind.Companion);
        Assert.Empty(draft.Selection.Ids);
    }

    [Fact]
    public void Selecting_only_one_seat_replaces_the_selection_and_toggling_adds_or_removes()
    {
        var draft = Stalls(rows: 1, seats: 4);
        draft.Selection.Add([SeatAt(draft, "A", 1).Id, SeatAt(draft, "A", 2).Id]);

        draft.Selection.Only(SeatAt(draft, "A", 3).Id);
        Assert.Equal([SeatAt(draft, "A", 3).Id], draft.Selection.Ids);

        draft.Selection.Toggle(SeatAt(draft, "A", 4).Id);
        draft.Selection.Toggle(SeatAt(draft, "A", 3).Id);
        Assert.Equal([SeatAt(draft, "A", 4).Id], draft.Selection.Ids);
    }

    [Fact]
    public void Whole_row_and_whole_section_grow_the_selection()
    {
        var draft = Stalls(rows: 2, seats: 3);
        draft.Generate(new RowPlan("Balcony", Rows: 1, SeatsPerRow: 2, Y: 5));
        draft.Selection.Toggle(SeatAt(draft, "B", 2).Id);

        draft.Selection.GrowToWholeRows();
        Assert.Equal(3, draft.Selection.Ids.Count);

        draft.Selection.GrowToWholeSections();
        Assert.Equal(6, draft.Selection.Ids.Count);

        draft.Selection.Clear();
        draft.Selection.AddRow("Stalls", "a");
        Assert.Equal(3, draft.Selection.Ids.Count);
    }

    [Fact]
    public void Moving_a_section_shifts_its_seats_and_no_others()
    {
        var draft = Stalls(rows: 1, seats: 2);
        draft.Generate(new RowPlan("Balcony", Rows: 1, SeatsPerRow: 2, Y: 4));

        var error = draft.MoveSection("Balcony", dx: 3, dy: 1.5);

        Assert.Null(error);
        Assert.Equal([(3.0, 5.5), (4.0, 5.5)], draft.Seats.Where(s => s.Section == "Balcony").Select(s => (s.X, s.Y)));
        Assert.Equal([(0.0, 0.0), (1.0, 0.0)], draft.Seats.Where(s => s.Section == "Stalls").Select(s => (s.X, s.Y)));
    }

    [Fact]
    public void A_section_cannot_move_to_a_negative_position()
    {
        var draft = Stalls(rows: 1, seats: 2);

        var error = draft.MoveSection("Stalls", dx: -1, dy: 0);

        Assert.NotNull(error);
        Assert.Equal(0.0, draft.Seats.Min(s => s.X));
    }

    [Fact]
    public void Removing_a_section_takes_its_seats_and_undo_brings_them_back()
    {
        var draft = Stalls(rows: 2, seats: 2);
        draft.Generate(new RowPlan("Balcony", Rows: 1, SeatsPerRow: 3, Y: 4));

        draft.RemoveSection("Balcony");
        Assert.Equal(["Stalls"], draft.Sections);
        Assert.Equal(4, draft.SeatCount);

        Assert.True(draft.Undo());
        Assert.Equal(["Stalls", "Balcony"], draft.Sections);
        Assert.Equal(7, draft.SeatCount);
    }

    [Fact]
    public void Undo_back_to_the_loaded_layout_leaves_nothing_unsaved()
    {
        var draft = FromSaved(("Stalls", "A", 1), ("Stalls", "A", 2));
        draft.Selection.Toggle(1);
        draft.RemoveSelected();
        Assert.True(draft.IsDirty);

        draft.Undo();

        Assert.False(draft.IsDirty);
        Assert.False(draft.CanUndo);
        Assert.Equal(2, draft.SeatCount);
    }

    [Fact]
    public void The_saved_layout_keeps_ids_of_saved_seats_and_none_for_new_ones()
    {
        var draft = FromSaved(("Stalls", "A", 1));
        draft.Generate(new RowPlan("Stalls", Rows: 1, SeatsPerRow: 1, FirstRow: "B", Y: 2));

        var document = draft.ToDocument();

        var seats = document.Sections.Single().Rows.SelectMany(r => r.Seats).ToList();
        Assert.Equal([1, null], seats.Select(s => s.Id));
        Assert.Equal("Main Hall", document.Name);
    }

    [Fact]
    public void Export_then_import_gives_the_same_layout()
    {
        var draft = Stalls(rows: 3, seats: 5);
        draft.Generate(new RowPlan("Balcony", Rows: 2, SeatsPerRow: 4, Labels: RowLabelStyle.Numbers, Numbering: SeatNumbering.RightToLeft, X: 0.5, Y: 6));
        draft.Selection.Add([SeatAt(draft, "A", 1).Id]);
        draft.MarkSelected(SeatKind.Companion);
        var json = draft.Export();

        var copy = HallDraft.ForNewHall(1);
        var errors = copy.Import(json);

        Assert.Empty(errors);
        Assert.Equal("Main Hall", copy.Name);
        Assert.Equal(Shape(draft), Shape(copy));
        Assert.Equal(draft.Sections, copy.Sections);
    }

    [Fact]
    public void Importing_an_exported_hall_keeps_the_saved_seats_identity()
    {
        var draft = FromSaved(("Stalls", "A", 1), ("Stalls", "A", 2));
        var json = draft.Export().Replace("\"id\": 1,", string.Empty, StringComparison.Ordinal);

        draft.Import(json);

        Assert.Equal([1, 2], draft.Seats.Select(s => s.Id).Order());
    }

    [Fact]
    public void Import_refuses_a_file_that_is_not_json()
    {
        var draft = Stalls(rows: 1, seats: 2);

        var errors = draft.Import("{ \"sections\": [ oops ] }");

        Assert.Contains("not a valid layout", Assert.Single(errors).Message);
        Assert.Equal(2, draft.SeatCount);
    }

    [Fact]
    public void Import_refuses_duplicate_seat_labels_and_names_them()
    {
        var json = Layout(new SeatDocument(null, 1, 0, 0), new SeatDocument(null, 1, 1, 0));
        var draft = HallDraft.ForNewHall(1);

        var errors = draft.Import(json);

        Assert.Contains(errors, e => e.ToString() == "Seat Stalls A-1 appears more than once.");
        Assert.Equal(0, draft.SeatCount);
    }

    [Fact]
    public void Import_refuses_negative_positions_and_numbers_below_one()
    {
        var json = Layout(new SeatDocument(null, 1, -2, 0), new SeatDocument(null, 0, 1, 0));

        var errors = HallDraft.ForNewHall(1).Import(json);

        Assert.Contains(errors, e => e.ToString().StartsWith("Seat Stalls A-1 has a negative position", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.ToString().StartsWith("Seat Stalls A-0 has number 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_refuses_more_seats_than_a_hall_may_have()
    {
        var seats = Enumerable.Range(1, Hall.MaxSeats + 1).Select(n => new SeatDocument(null, n, n, 0)).ToArray();

        var errors = HallDraft.ForNewHall(1).Import(Layout(seats));

        Assert.Contains("at most", Assert.Single(errors).Message);
    }

    [Fact]
    public void Adding_a_section_twice_is_refused()
    {
        var draft = HallDraft.ForNewHall(1);

        Assert.Null(draft.AddSection("Floor"));
        Assert.NotNull(draft.AddSection(" floor "));
        Assert.Equal(["Floor"], draft.Sections);
    }

    [Fact]
    public void Removed_saved_seats_can_be_put_back()
    {
        var draft = FromSaved(("Stalls", "A", 1), ("Stalls", "A", 2));
        draft.Selection.Toggle(2);
        draft.RemoveSelected();

        var restored = draft.RestoreSavedSeats([2]);

        Assert.Equal(1, restored);
        Assert.Equal([1, 2], draft.Seats.Select(s => s.Id).Order());
        Assert.Equal(["Stalls A-2"], draft.SavedLabels([2]));
    }

    [Fact]
    public void A_saved_sections_Korean_name_is_edited_saved_and_exported_with_the_section()
    {
        var draft = new HallDraft(1, 10, "Main Hall", [new SeatView(1, "Floor", "A", 1, 0, 0, SeatKind.Normal, "플로어"), new SeatView(2, "Balcony", "A", 1, 0, 3, SeatKind.Normal)]);
        Assert.Equal("플로어", draft.SectionNameKo("Floor"));
        Assert.False(draft.IsDirty);

        Assert.Null(draft.NameSectionInKorean("Balcony", " 발코니 "));
        Assert.True(draft.IsDirty);
        Assert.Null(draft.NameSectionInKorean("Floor", ""));
        Assert.Equal(["", "발코니"], draft.Seats.Select(s => s.SectionKo));

        var sections = draft.ToDocument().Sections.ToDictionary(s => s.Name, s => s.NameKo);
        Assert.Equal(new Dictionary<string, string?> { ["Floor"] = "", ["Balcony"] = "발코니" }, sections);
        Assert.Equal("발코니", HallLayoutFile.Read(draft.Export()).Layout!.Sections.Single(s => s.Name == "Balcony").NameKo);
        draft.MarkSaved();
        Assert.False(draft.IsDirty);
        Assert.NotNull(draft.NameSectionInKorean("Floor", new string('가', Seat.MaxSectionLength + 1)));
    }

    [Fact]
    public void An_imported_layout_brings_its_Korean_section_names()
    {
        var draft = HallDraft.ForNewHall(1);
        var file = HallLayoutFile.Write(new HallLayoutDocument("Imported", [new SectionDocument("Stalls", [new RowDocument("A", [new SeatDocument(null, 1, 0, 0)])], "1층")]));

        Assert.Empty(draft.Import(file));

        Assert.Equal("1층", draft.SectionNameKo("Stalls"));
        Assert.Equal("1층", draft.ToDocument().Sections.Single().NameKo);
    }

    private static HallDraft Stalls(int rows, int seats)
    {
        var draft = new HallDraft(1, null, "Main Hall", []);
        Assert.Null(draft.Generate(new RowPlan("Stalls", rows, seats)));
        return draft;
    }

    private static HallDraft FromSaved(params (string Section, string Row, int Number)[] seats) =>
        new(1, 10, "Main Hall", seats.Select((s, i) => new SeatView(i + 1, s.Section, s.Row, s.Number, i, 0, SeatKind.Normal)));

    private static SeatView SeatAt(HallDraft draft, string row, int number) => draft.Seats.Single(s => s.Row == row && s.Number == number);

    private static string Layout(params SeatDocument[] seats) =>
        HallLayoutFile.Write(new HallLayoutDocument("Imported", [new SectionDocument("Stalls", [new RowDocument("A", seats)])]));

    private static List<string> Shape(HallDraft draft) =>
        [.. draft.Seats.Select(s => $"{s.Section}|{s.Row}|{s.Number}|{s.X}|{s.Y}|{s.Kind}").Order()];
}

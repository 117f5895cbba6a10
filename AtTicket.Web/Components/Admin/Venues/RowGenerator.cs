namespace AtTicket.Web.Components.Admin.Venues;

/// <summary>Rows × seats laid out from a <see cref="RowPlan"/>, refused as a whole when any seat would clash.</summary>
internal static class RowGenerator
{
    /// <param name="section">The section the seats go to: an existing one's own spelling, or the plan's.</param>
    /// <returns>The new seats (id 0), or the reason there are none.</returns>
    public static (IReadOnlyList<SeatView> Seats, DraftError? Error) Generate(RowPlan plan, string section, IReadOnlyList<SeatView> existing)
    {
        if (CheckPlan(plan, existing.Count) is { } planError)
        {
            return ([], planError);
        }

        var firstRow = plan.FirstRow is null ? 1 : RowLabels.Parse(plan.Labels, plan.FirstRow);
        if (firstRow is null)
        {
            return ([], plan.Labels == RowLabelStyle.Letters
                ? new DraftError("The first row must be letters such as A or AA.")
                : new DraftError("The first row must be a number from 1."));
        }

        var taken = SeatLabels.Of(existing);
        var added = new List<SeatView>(plan.Rows * plan.SeatsPerRow);
        for (var r = 0; r < plan.Rows; r++)
        {
            var row = RowLabels.Label(plan.Labels, firstRow.Value + r);
            if (row.Length > HallLayoutFile.MaxRowLabelLength)
            {
                return ([], new DraftError("The row label \"{0}\" is longer than {1} characters.", row, HallLayoutFile.MaxRowLabelLength));
            }

            for (var i = 0; i < plan.SeatsPerRow; i++)
            {
                var number = plan.Numbering == SeatNumbering.LeftToRight ? plan.FirstNumber + i : plan.FirstNumber + plan.SeatsPerRow - 1 - i;
                if (!taken.Add(SeatLabels.Key(section, row, number)))
                {
                    return ([], new DraftError("Seat {0} already exists. Choose another first row, first number or section.", HallLayoutFile.SeatLabel(section, row, number)));
                }

                added.Add(new SeatView(0, section, row, number, plan.X + (i * plan.SeatSpacing), plan.Y + (r * plan.RowSpacing), SeatKind.Normal));
            }
        }

        return (added, null);
    }

    private static DraftError? CheckPlan(RowPlan plan, int existingSeats)
    {
        if (plan.Rows is < 1 or > RowPlan.MaxRows || plan.SeatsPerRow is < 1 or > RowPlan.MaxSeatsPerRow)
        {
            return new DraftError("Choose 1 to {0} rows of 1 to {1} seats.", RowPlan.MaxRows, RowPlan.MaxSeatsPerRow);
        }

        if (plan.FirstNumber < 1)
        {
            return new DraftError("Seat numbers start at 1.");
        }

        if (!double.IsFinite(plan.X) || !double.IsFinite(plan.Y) || plan.X < 0 || plan.Y < 0)
        {
            return new DraftError("The position cannot be negative.");
        }

        if (!double.IsFinite(plan.SeatSpacing) || !double.IsFinite(plan.RowSpacing) || plan.SeatSpacing < RowPlan.MinSpacing || plan.RowSpacing < RowPlan.MinSpacing)
        {
            return new DraftError("Spacing must be at least {0} so seats do not overlap.", RowPlan.MinSpacing);
        }

        var total = existingSeats + (plan.Rows * plan.SeatsPerRow);
        return Hall.SizeOf(total) == HallSize.TooLarge ? new DraftError("That would make {0:N0} seats; a hall can have at most {1:N0}.", total, Hall.MaxSeats) : null;
    }
}

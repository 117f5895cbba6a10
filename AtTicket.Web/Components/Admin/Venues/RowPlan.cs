namespace AtTicket.Web.Components.Admin.Venues;

public enum RowLabelStyle
{
    /// <summary>A, B, ... Z, AA, AB, ...</summary>
    Letters,

    /// <summary>1, 2, 3, ...</summary>
    Numbers,
}

public enum SeatNumbering
{
    LeftToRight,
    RightToLeft,
}

/// <summary>
/// A block of rows to generate into a section. Positions and spacing are in seat widths; (X, Y) is the
/// top-left seat, the stage is above.
/// </summary>
public sealed record RowPlan(
    string Section,
    int Rows,
    int SeatsPerRow,
    RowLabelStyle Labels = RowLabelStyle.Letters,
    string? FirstRow = null,
    SeatNumbering Numbering = SeatNumbering.LeftToRight,
    int FirstNumber = 1,
    double X = 0,
    double Y = 0,
    double SeatSpacing = 1,
    double RowSpacing = 1)
{
    public const int MaxRows = 200;
    public const int MaxSeatsPerRow = 200;

    /// <summary>Seats are drawn 0.8 wide, so anything closer would overlap.</summary>
    public const double MinSpacing = 0.8;
}

/// <summary>Row labels in either style, counted from 1 (A = 1, Z = 26, AA = 27).</summary>
public static class RowLabels
{
    public static string Label(RowLabelStyle style, int index) =>
        style == RowLabelStyle.Numbers ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : Letters(index);

    public static string Letters(int index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        var label = string.Empty;
        while (index > 0)
        {
            index--;
            label = (char)('A' + (index % 26)) + label;
            index /= 26;
        }

        return label;
    }

    /// <returns>The label's index, or null when it is not a label of that style.</returns>
    public static int? Parse(RowLabelStyle style, string? label)
    {
        var text = label?.Trim() ?? string.Empty;
        if (text.Length is 0 or > 6)
        {
            return null;
        }

        if (style == RowLabelStyle.Numbers)
        {
            return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0
                ? number
                : null;
        }

        var index = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is < 'A' or > 'Z')
            {
                return null;
            }

            index = (index * 26) + (c - 'A' + 1);
        }

        return index;
    }
}

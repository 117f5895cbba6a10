using System.Text.Json;
using System.Text.Json.Serialization;
using AtTicket.Infrastructure.Venues;

namespace AtTicket.Web.Components.Admin.Venues;

/// <summary>
/// The JSON file a hall's layout is exported to and imported from: <see cref="HallLayoutDocument"/> with
/// camelCase names and seat kinds as words. Reading checks everything the hall will insist on, so a bad
/// file is refused with reasons instead of failing on save.
/// </summary>
public static class HallLayoutFile
{
    public const long MaxBytes = 4 * 1024 * 1024;
    public const int MaxSectionLength = 40;
    public const int MaxRowLabelLength = 10;
    private const int MaxReportedErrors = 8;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(HallLayoutDocument layout) => JsonSerializer.Serialize(layout, Options);

    public static (HallLayoutDocument? Layout, IReadOnlyList<DraftError> Errors) Read(string json)
    {
        HallLayoutDocument? layout;
        try
        {
            layout = JsonSerializer.Deserialize<HallLayoutDocument>(json, Options);
        }
        catch (JsonException exception)
        {
            return (null, [new DraftError(
                "The file is not a valid layout (line {0}, position {1}). Export a hall to see the expected format.",
                (exception.LineNumber ?? 0) + 1,
                (exception.BytePositionInLine ?? 0) + 1)]);
        }

        if (layout?.Sections is null)
        {
            return (null, [new DraftError("The file has no sections. Export a hall to see the expected format.")]);
        }

        var errors = Check(layout);
        return errors.Count == 0 ? (layout, errors) : (null, errors);
    }

    public static string SeatLabel(string section, string row, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{section} {row}-{number}");

    private static List<DraftError> Check(HallLayoutDocument layout)
    {
        var seatCount = layout.Sections.Sum(s => s?.Rows?.Sum(r => r?.Seats?.Count ?? 0) ?? 0);
        switch (Hall.SizeOf(seatCount))
        {
            case HallSize.Empty:
                return [new DraftError("The file contains no seats.")];
            case HallSize.TooLarge:
                return [new DraftError("The file has {0:N0} seats; a hall can have at most {1:N0}.", seatCount, Hall.MaxSeats)];
        }

        var errors = new List<DraftError>();
        var labels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sectionNumber = 0;
        foreach (var section in layout.Sections)
        {
            sectionNumber++;
            var name = Named(section?.Name, MaxSectionLength, errors, new DraftError("Section {0} in the file has no name.", sectionNumber), tooLong =>
                new DraftError("The section name \"{0}\" is longer than {1} characters.", tooLong, MaxSectionLength));
            if (name is null)
            {
                continue;
            }

            if (section!.NameKo?.Trim().Length > MaxSectionLength)
            {
                errors.Add(new DraftError("The Korean name of section {0} is longer than {1} characters.", name, MaxSectionLength));
            }

            foreach (var row in section!.Rows ?? [])
            {
                var label = Named(row?.Label, MaxRowLabelLength, errors, new DraftError("A row in section {0} has no label.", name), tooLong =>
                    new DraftError("The row label \"{0}\" is longer than {1} characters.", tooLong, MaxRowLabelLength));
                if (label is null)
                {
                    continue;
                }

                foreach (var seat in row!.Seats ?? [])
                {
                    CheckSeat(seat, SeatLabel(name, label, seat?.Number ?? 0), labels, errors);
                }
            }
        }

        if (errors.Count > MaxReportedErrors)
        {
            var more = errors.Count - MaxReportedErrors;
            errors = [.. errors.Take(MaxReportedErrors), new DraftError("… and {0} more problems.", more)];
        }

        return errors;
    }

    /// <summary>A section name or row label from the file, trimmed; null when it is missing, and noted in <paramref name="errors"/> when it is missing or too long.</summary>
    private static string? Named(string? text, int maxLength, List<DraftError> errors, DraftError missing, Func<string, DraftError> tooLong)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            errors.Add(missing);
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            errors.Add(tooLong(trimmed));
        }

        return trimmed;
    }

    private static void CheckSeat(SeatDocument? seat, string label, HashSet<string> labels, List<DraftError> errors)
    {
        if (seat is null)
        {
            errors.Add(new DraftError("The file has an empty seat entry."));
            return;
        }

        if (seat.Number <= 0)
        {
            errors.Add(new DraftError("Seat {0} has number {1}; seat numbers start at 1.", label, seat.Number));
        }

        if (!double.IsFinite(seat.X) || !double.IsFinite(seat.Y) || seat.X < 0 || seat.Y < 0)
        {
            errors.Add(new DraftError("Seat {0} has a negative position ({1}, {2}); positions start at 0.", label, seat.X, seat.Y));
        }

        if (!Enum.IsDefined(seat.Kind))
        {
            errors.Add(new DraftError("Seat {0} has an unknown kind.", label));
        }

        if (!labels.Add(label))
        {
            errors.Add(new DraftError("Seat {0} appears more than once.", label));
        }
    }
}

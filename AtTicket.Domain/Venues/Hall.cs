namespace AtTicket.Domain.Venues;

/// <summary>A physical room with a reusable seat map. Seats exist only through their hall.</summary>
public class Hall
{
    public const int MaxNameLength = 120;

    /// <summary>The most seats one hall's map may have, so that a seat map stays drawable and its queries bounded.</summary>
    public const int MaxSeats = 20_000;

    /// <summary>A hall's seat map has at least one seat and at most <see cref="MaxSeats"/>.</summary>
    public static HallSize SizeOf(int seats) => seats < 1 ? HallSize.Empty : seats > MaxSeats ? HallSize.TooLarge : HallSize.Fits;

    /// <summary>Throws the sentence for a map of <paramref name="seats"/> seats that does not fit (<see cref="SizeOf"/>).</summary>
    public static void RequireSize(int seats, params IEnumerable<string?> fields)
    {
        var size = SizeOf(seats);
        Guard.That(size != HallSize.Empty, new Refusal(RefusalCode.HallNeedsSeat, "A hall needs at least one seat."), fields);
        Guard.That(size != HallSize.TooLarge, new Refusal(RefusalCode.HallTooManySeats, $"A hall can have at most {MaxSeats:N0} seats.", MaxSeats), fields);
    }

    private readonly List<Seat> _seats = [];

    private Hall()
    {
        Name = string.Empty;
        NameKo = string.Empty;
    }

    internal Hall(Venue venue, string name)
    {
        Venue = venue;
        Name = name;
        NameKo = string.Empty;
    }

    public int Id { get; private set; }
    public int VenueId { get; private set; }
    public Venue? Venue { get; private set; }
    public string Name { get; private set; }

    /// <summary>The name for Korean readers; empty when the default name serves them too.</summary>
    public string NameKo { get; private set; }
    public IReadOnlyList<Seat> Seats => _seats;

    public void Rename(string name)
    {
        var trimmed = Guard.Text(name, RuleSubject.HallName, MaxNameLength);
        Guard.That(
            Venue is null || Venue.Halls.All(h => ReferenceEquals(h, this) || !string.Equals(h.Name, trimmed, StringComparison.OrdinalIgnoreCase)),
            new Refusal(RefusalCode.HallNameTaken, $"The venue already has a hall named '{trimmed}'.", trimmed));
        Name = trimmed;
    }

    public void SetKoreanName(string? name) => NameKo = CheckKoreanName(name);

    /// <summary>The Korean name trimmed, or a <see cref="DomainException"/> saying what is wrong with it.</summary>
    public static string CheckKoreanName(string? name) => Guard.OptionalText(name, RuleSubject.KoreanHallName, MaxNameLength);

    /// <summary>
    /// The Korean name of a section, given to every seat in it (empty: the default name serves Korean readers too).
    /// Seats added to the section later start without one, so give it again after adding seats.
    /// </summary>
    public void NameSectionInKorean(string section, string? nameKo)
    {
        var checkedName = CheckKoreanSectionName(nameKo);
        foreach (var seat in _seats.Where(s => s.IsIn(section)))
        {
            seat.SetKoreanSection(checkedName);
        }
    }

    /// <summary>The Korean section name trimmed, or a <see cref="DomainException"/> saying what is wrong with it.</summary>
    public static string CheckKoreanSectionName(string? nameKo) => Guard.OptionalText(nameKo, RuleSubject.KoreanSection, Seat.MaxSectionLength);

    /// <summary>The Korean name the section's seats carry, or empty when it has none (or no seats).</summary>
    public string KoreanNameOfSection(string section) =>
        _seats.Where(s => s.IsIn(section)).Select(s => s.SectionKo).FirstOrDefault(name => name.Length > 0) ?? string.Empty;

    public Seat AddSeat(string section, string row, int number, double x, double y, SeatKind kind = SeatKind.Normal)
    {
        var seat = new Seat(this, section, row, number, x, y, kind);
        Guard.That(
            !_seats.Any(s => s.SameLabelAs(seat)),
            new Refusal(RefusalCode.SeatAlreadyInHall, $"Seat {seat.Label} already exists in this hall.", seat.Label));
        _seats.Add(seat);
        return seat;
    }

    /// <summary>
    /// A whole new seat plan for the hall: every label (section, row, number) appears once, ignoring case and
    /// surrounding spaces, and every existing seat id is listed at most once. <paramref name="fieldOf"/> names the
    /// input that holds the seat at a position in <paramref name="seats"/> (the second of a pair), "seats" if not given.
    /// </summary>
    public static void RequireDistinctSeats(IEnumerable<(string Section, string Row, int Number, int? Id)> seats, Func<int, string>? fieldOf = null)
    {
        var labels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ids = new HashSet<int>();
        var position = 0;
        foreach (var (section, row, number, id) in seats)
        {
            var label = $"{section?.Trim()} {row?.Trim()}-{number}";
            var field = fieldOf?.Invoke(position) ?? "seats";
            Guard.That(labels.Add(label), new Refusal(RefusalCode.SeatLabelTwiceInLayout, $"Seat {label} appears twice in the layout.", label), field);
            Guard.That(id is not { } seatId || ids.Add(seatId), new Refusal(RefusalCode.SeatIdTwiceInLayout, $"Seat id {id} is listed twice in the layout.", id ?? 0), field);
            position++;
        }
    }

    public void RemoveSeat(Seat seat)
    {
        Guard.That(_seats.Contains(seat), new Refusal(RefusalCode.SeatNotInHall, "The seat is not in this hall."));
        _seats.Remove(seat);
    }

    public bool Contains(Seat seat) => ReferenceEquals(seat.Hall, this) || (Id != 0 && seat.HallId == Id);
}

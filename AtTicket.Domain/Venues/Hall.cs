using AtTicket.Domain.Common;

namespace AtTicket.Domain.Venues;

/// <summary>A physical room with a reusable seat map. Seats exist only through their hall.</summary>
public class Hall
{
    private readonly List<Seat> _seats = [];

    private Hall()
    {
        Name = string.Empty;
    }

    internal Hall(Venue venue, string name)
    {
        Venue = venue;
        Name = name;
    }

    public int Id { get; private set; }
    public int VenueId { get; private set; }
    public Venue? Venue { get; private set; }
    public string Name { get; private set; }
    public IReadOnlyList<Seat> Seats => _seats;

    public void Rename(string name)
    {
        var trimmed = Guard.Text(name, "The hall name", 120);
        Guard.That(
            Venue is null || Venue.Halls.All(h => ReferenceEquals(h, this) || !string.Equals(h.Name, trimmed, StringComparison.OrdinalIgnoreCase)),
            $"The venue already has a hall named '{trimmed}'.");
        Name = trimmed;
    }

    public Seat AddSeat(string section, string row, int number, double x, double y, SeatKind kind = SeatKind.Normal)
    {
        var seat = new Seat(this, section, row, number, x, y, kind);
        Guard.That(
            !_seats.Any(s => s.SameLabelAs(seat)),
            $"Seat {seat.Label} already exists in this hall.");
        _seats.Add(seat);
        return seat;
    }

    public void RemoveSeat(Seat seat)
    {
        Guard.That(_seats.Contains(seat), "The seat is not in this hall.");
        _seats.Remove(seat);
    }

    public bool Contains(Seat seat) => ReferenceEquals(seat.Hall, this) || (Id != 0 && seat.HallId == Id);
}

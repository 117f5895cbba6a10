using AtTicket.Domain.Common;

namespace AtTicket.Domain.Venues;

public class Venue
{
    public const int MaxAddressLength = 300;

    private readonly List<Hall> _halls = [];

    private Venue()
    {
        Name = string.Empty;
        Address = string.Empty;
    }

    public Venue(string name, string address)
        : this()
    {
        Rename(name, address);
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public string Address { get; private set; }
    public IReadOnlyList<Hall> Halls => _halls;

    public void Rename(string name, string address)
    {
        Name = Guard.Text(name, "The venue name", 120);
        Address = Guard.OptionalText(address, "The address", MaxAddressLength);
    }

    public Hall AddHall(string name)
    {
        var trimmed = Guard.Text(name, "The hall name", 120);
        Guard.That(
            _halls.All(h => !string.Equals(h.Name, trimmed, StringComparison.OrdinalIgnoreCase)),
            $"The venue already has a hall named '{trimmed}'.");
        var hall = new Hall(this, trimmed);
        _halls.Add(hall);
        return hall;
    }
}

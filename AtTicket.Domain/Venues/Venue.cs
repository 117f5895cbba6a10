namespace AtTicket.Domain.Venues;

public class Venue
{
    public const int MaxNameLength = 120;
    public const int MaxAddressLength = 300;

    private readonly List<Hall> _halls = [];

    private Venue()
    {
        Name = string.Empty;
        Address = string.Empty;
        NameKo = string.Empty;
        AddressKo = string.Empty;
    }

    public Venue(string name, string address)
        : this()
    {
        Rename(name, address);
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public string Address { get; private set; }

    /// <summary>The name for Korean readers; empty when the default name serves them too.</summary>
    public string NameKo { get; private set; }

    public string AddressKo { get; private set; }
    public IReadOnlyList<Hall> Halls => _halls;

    public void Rename(string name, string address)
    {
        var checkedName = Guard.Text(name, RuleSubject.VenueName, MaxNameLength);
        var checkedAddress = Guard.OptionalText(address, RuleSubject.Address, MaxAddressLength);
        Name = checkedName;
        Address = checkedAddress;
    }

    /// <summary>The Korean name and address, both optional and checked like the default ones.</summary>
    public void SetKoreanText(string? name, string? address)
    {
        var checkedName = CheckKoreanName(name);
        var checkedAddress = CheckKoreanAddress(address);
        NameKo = checkedName;
        AddressKo = checkedAddress;
    }

    /// <summary>The Korean name trimmed, or a <see cref="DomainException"/> saying what is wrong with it.</summary>
    public static string CheckKoreanName(string? name) => Guard.OptionalText(name, RuleSubject.KoreanVenueName, MaxNameLength);

    public static string CheckKoreanAddress(string? address) => Guard.OptionalText(address, RuleSubject.KoreanAddress, MaxAddressLength);

    public Hall AddHall(string name)
    {
        var trimmed = Guard.Text(name, RuleSubject.HallName, Hall.MaxNameLength);
        Guard.That(
            _halls.All(h => !string.Equals(h.Name, trimmed, StringComparison.OrdinalIgnoreCase)),
            new Refusal(RefusalCode.HallNameTaken, $"The venue already has a hall named '{trimmed}'.", trimmed));
        var hall = new Hall(this, trimmed);
        _halls.Add(hall);
        return hall;
    }
}

using AtTicket.Domain.Bookings;
using AtTicket.Domain.Catalog;
using AtTicket.Domain.Performances;
using AtTicket.Domain.Venues;
using Microsoft.Extensions.Time.Testing;

namespace AtTicket.Domain.Tests;

/// <summary>One fixed moment every builder and clock starts from, so tests read as "before", "at" and "after".</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Start = new(2030, 5, 1, 10, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider New() => new(Start);
}

internal sealed class ProductBuilder
{
    private string _title = "Les Misérables";
    private ProductCategory _category = ProductCategory.Musical;
    private string _description = "The musical.";
    private int _runningMinutes = 170;
    private string _ageRating = "8+";
    private DateTimeOffset _salesStart = TestClock.Start;
    private DateTimeOffset _salesEnd = TestClock.Start.AddDays(30);

    public ProductBuilder WithTitle(string? title)
    {
        _title = title!;
        return this;
    }

    public ProductBuilder WithCategory(ProductCategory category)
    {
        _category = category;
        return this;
    }

    public ProductBuilder WithDescription(string? description)
    {
        _description = description!;
        return this;
    }

    public ProductBuilder WithRunningMinutes(int minutes)
    {
        _runningMinutes = minutes;
        return this;
    }

    public ProductBuilder WithAgeRating(string? ageRating)
    {
        _ageRating = ageRating!;
        return this;
    }

    public ProductBuilder WithSalePeriod(DateTimeOffset start, DateTimeOffset end)
    {
        _salesStart = start;
        _salesEnd = end;
        return this;
    }

    public Product Build() =>
        new(new ProductTerms(_title, _category, _description, _runningMinutes, _ageRating, _salesStart, _salesEnd));
}

/// <summary>A hall in a fresh venue, with rows A, B, ... in section "Floor" and seats numbered from 1.</summary>
internal sealed class HallBuilder
{
    private string _name = "Main Hall";
    private int _rows = 1;
    private int _seatsPerRow = 2;

    public HallBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public HallBuilder WithSeats(int rows, int seatsPerRow)
    {
        _rows = rows;
        _seatsPerRow = seatsPerRow;
        return this;
    }

    public Hall Build()
    {
        var hall = new Venue("Blue Square", "294 Itaewon-ro, Seoul").AddHall(_name);
        for (var row = 0; row < _rows; row++)
        {
            for (var number = 1; number <= _seatsPerRow; number++)
            {
                hall.AddSeat("Floor", ((char)('A' + row)).ToString(), number, number * 10, row * 10);
            }
        }

        return hall;
    }
}

internal sealed class PerformanceBuilder
{
    private readonly List<(string Name, long Price, string Color)> _grades = [];
    private Hall? _hall;
    private DateTimeOffset _startsAt = TestClock.Start.AddDays(7);
    private bool _productOnSale = true;

    public PerformanceBuilder InHall(Hall hall)
    {
        _hall = hall;
        return this;
    }

    /// <summary>Of a product still in draft, hidden from buyers.</summary>
    public PerformanceBuilder OfDraftProduct()
    {
        _productOnSale = false;
        return this;
    }

    public PerformanceBuilder StartingAt(DateTimeOffset startsAt)
    {
        _startsAt = startsAt;
        return this;
    }

    public PerformanceBuilder WithGrade(string name = "R", long price = 150_000, string color = "#cc0000")
    {
        _grades.Add((name, price, color));
        return this;
    }

    public Performance Build()
    {
        var product = new ProductBuilder().Build();
        if (_productOnSale)
        {
            product.PutOnSale();
        }

        var performance = new Performance(product, _hall ?? new HallBuilder().Build(), _startsAt);
        foreach (var (name, price, color) in _grades)
        {
            performance.AddGrade(name, price, color);
        }

        return performance;
    }
}

/// <summary>The row of the first seat of a fresh performance with one grade ("R"), not yet held.</summary>
internal static class PerformanceSeatBuilder
{
    public static PerformanceSeat Available()
    {
        var performance = new PerformanceBuilder().WithGrade().Build();
        return performance.CreateSeat(performance.Hall!.Seats[0], performance.Grades[0]);
    }
}

internal sealed class SeatHoldBuilder
{
    private string _memberId = "member-1";
    private IReadOnlyCollection<int> _seatIds = [1, 2];
    private DateTimeOffset _createdAt = TestClock.Start;
    private DateTimeOffset _expiresAt = TestClock.Start.AddMinutes(5);

    public SeatHoldBuilder ForMember(string? memberId)
    {
        _memberId = memberId!;
        return this;
    }

    public SeatHoldBuilder WithSeats(params int[]? seatIds)
    {
        _seatIds = seatIds!;
        return this;
    }

    public SeatHoldBuilder MadeAt(DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        _createdAt = createdAt;
        _expiresAt = expiresAt;
        return this;
    }

    public SeatHold Build() => new(Guid.NewGuid(), _memberId, 1, _seatIds, _createdAt, _expiresAt);
}

internal sealed class BookingBuilder
{
    private string _number = "AT-2030-000001";
    private string _memberId = "member-1";
    private string _idempotencyKey = "checkout-1";
    private IReadOnlyCollection<BookedSeat> _seats =
    [
        new(1, "R", 150_000),
        new(2, "S", 110_000),
    ];

    public BookingBuilder WithNumber(string? number)
    {
        _number = number!;
        return this;
    }

    public BookingBuilder ForMember(string? memberId)
    {
        _memberId = memberId!;
        return this;
    }

    public BookingBuilder WithIdempotencyKey(string? key)
    {
        _idempotencyKey = key!;
        return this;
    }

    public BookingBuilder WithSeats(params BookedSeat[]? seats)
    {
        _seats = seats!;
        return this;
    }

    /// <summary>As many seats as asked, all in grade "R" at 100,000 won.</summary>
    public BookingBuilder WithSeatCount(int count)
    {
        _seats = [.. Enumerable.Range(1, count).Select(id => new BookedSeat(id, "R", 100_000))];
        return this;
    }

    public Booking Build() =>
        new(Guid.NewGuid(), _number, _memberId, 1, Guid.NewGuid(), _idempotencyKey, _seats, TestClock.Start);
}

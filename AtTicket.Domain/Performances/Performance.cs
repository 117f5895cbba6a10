using System.Linq.Expressions;
using AtTicket.Domain.Catalog;
using AtTicket.Domain.Venues;

namespace AtTicket.Domain.Performances;

/// <summary>A product shown in a hall at a time, with its own seat grades and prices.</summary>
public class Performance
{
    /// <summary>How the start is named in <see cref="DateWindow"/>'s sentence, for forms checking before saving.</summary>
    public const RuleSubject StartsAtSubject = RuleSubject.PerformanceDate;

    /// <summary>Why a performance cannot go on sale yet, for forms that check before saving.</summary>
    public static readonly Refusal ProductNotOnSale =
        new(RefusalCode.ProductNotOnSaleForPerformance, "The product is not on sale: put the product on sale before its performances.");

    /// <summary>Whether a performance of <paramref name="product"/> may go on sale, as <see cref="PutOnSale"/> decides.</summary>
    public static bool CanGoOnSaleUnder(ProductStatus product) => product == ProductStatus.OnSale;

    /// <summary>
    /// Seats of the performance may be held: it is on sale, has not started, and its product is on
    /// sale. The seat inventory queries with <see cref="BookableAt"/>; the MySQL procedure `HoldSeats`
    /// and the SQLite hold batch mirror it in SQL (HoldRoundTrips), and a test holds them to agree.
    /// </summary>
    private static readonly Expression<Func<Performance, DateTimeOffset, bool>> Bookable =
        (p, now) => p.Status == PerformanceStatus.OnSale && p.StartsAt > now && p.Product!.Status == ProductStatus.OnSale;

    /// <summary>See <see cref="Bookable"/>, as a query filter for <paramref name="now"/>.</summary>
    public static Expression<Func<Performance, bool>> BookableAt(DateTimeOffset now) => MomentRule.At(Bookable, now);

    private readonly List<SeatGrade> _grades = [];

    private Performance()
    {
    }

    public Performance(Product product, Hall hall, DateTimeOffset startsAt)
    {
        Guard.That(product is not null, new Refusal(RefusalCode.PerformanceNeedsProduct, "A performance needs a product."));
        Guard.That(hall is not null, new Refusal(RefusalCode.PerformanceNeedsHall, "A performance needs a hall."));
        DateWindow.Check(startsAt, StartsAtSubject);
        Product = product;
        ProductId = product!.Id;
        Hall = hall;
        HallId = hall!.Id;
        StartsAt = startsAt;
    }

    public int Id { get; private set; }
    public int ProductId { get; private set; }
    public Product? Product { get; private set; }
    public int HallId { get; private set; }
    public Hall? Hall { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public PerformanceStatus Status { get; private set; } = PerformanceStatus.Draft;
    public IReadOnlyList<SeatGrade> Grades => _grades;

    public SeatGrade AddGrade(string name, long price, string color)
    {
        var grade = new SeatGrade(this, name, price, color);
        _grades.Add(grade);
        return grade;
    }

    public void Reschedule(DateTimeOffset startsAt)
    {
        Guard.That(Status != PerformanceStatus.Cancelled, new Refusal(RefusalCode.CancelledPerformanceFixed, "A cancelled performance cannot be rescheduled."));
        DateWindow.Check(startsAt, StartsAtSubject);
        StartsAt = startsAt;
    }

    /// <summary>Seat rows for this performance; the seat must be one of this performance's hall.</summary>
    public PerformanceSeat CreateSeat(Seat seat, SeatGrade? grade = null)
    {
        Guard.That(Hall is not null && Hall.Contains(seat), new Refusal(RefusalCode.SeatNotInPerformanceHall, $"Seat {seat.Label} is not in this performance's hall.", seat.Label));
        Guard.That(grade is null || _grades.Contains(grade), new Refusal(RefusalCode.GradeNotOfPerformance, $"Grade '{grade?.Name}' does not belong to this performance.", grade?.Name ?? string.Empty));
        return new PerformanceSeat(this, seat, grade);
    }

    /// <param name="unmappedSeats">Seats of the hall that have no grade yet, counted by the caller.</param>
    public void PutOnSale(int unmappedSeats)
    {
        Guard.That(Status == PerformanceStatus.Draft, new Refusal(RefusalCode.PerformanceNotDraft, "Only a draft performance can go on sale."));
        // Buyers reach a performance through its product: on sale under a hidden product, it would sell to nobody and answer 404.
        Guard.That(Product is not null && CanGoOnSaleUnder(Product.Status), ProductNotOnSale);
        Guard.That(_grades.Count > 0, new Refusal(RefusalCode.PerformanceWithoutGrades, "A performance needs at least one seat grade before it goes on sale."));
        Guard.That(unmappedSeats == 0, new Refusal(RefusalCode.SeatsWithoutGradeBeforeSale, $"Every seat needs a grade before the performance goes on sale ({unmappedSeats} have none).", unmappedSeats));
        Status = PerformanceStatus.OnSale;
    }

    public void Cancel()
    {
        Guard.That(Status != PerformanceStatus.Cancelled, new Refusal(RefusalCode.PerformanceAlreadyCancelled, "The performance is already cancelled."));
        Status = PerformanceStatus.Cancelled;
    }
}

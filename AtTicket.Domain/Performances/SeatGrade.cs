using System.Text.RegularExpressions;

namespace AtTicket.Domain.Performances;

/// <summary>A price class of one performance (VIP, R, S, A...). Prices are whole KRW.</summary>
public partial class SeatGrade
{
    public const long MaxPrice = 10_000_000;

    private SeatGrade()
    {
        Name = string.Empty;
        Color = string.Empty;
    }

    internal SeatGrade(Performance performance, string name, long price, string color)
        : this()
    {
        Performance = performance;
        Change(name, price, color);
    }

    public int Id { get; private set; }
    public int PerformanceId { get; private set; }
    public Performance? Performance { get; private set; }
    public string Name { get; private set; }
    public long Price { get; private set; }

    /// <summary>CSS colour as #rrggbb.</summary>
    public string Color { get; private set; }

    public void Change(string name, long price, string color)
    {
        Guard.That(price > 0, new Refusal(RefusalCode.GradePriceNotPositive, "A seat grade needs a price above 0 won."));
        Guard.That(price <= MaxPrice, new Refusal(RefusalCode.GradePriceTooHigh, $"A seat grade costs at most {MaxPrice:N0} won.", MaxPrice));
        Guard.That(color is not null && HexColor().IsMatch(color), new Refusal(RefusalCode.GradeColourInvalid, "The grade colour must look like #1a2b3c."), "color");
        var checkedName = Guard.Text(name, RuleSubject.GradeName, 30);
        Guard.That(
            Performance is null || Performance.Grades.All(g => ReferenceEquals(g, this) || !string.Equals(g.Name, checkedName, StringComparison.OrdinalIgnoreCase)),
            new Refusal(RefusalCode.GradeNameTaken, $"The performance already has a grade named '{checkedName}'.", checkedName));
        Name = checkedName;
        Price = price;
        Color = color!.ToLowerInvariant();
    }

    [GeneratedRegex(@"\A#[0-9a-fA-F]{6}\z")]
    private static partial Regex HexColor();
}

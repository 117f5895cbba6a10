using AtTicket.Domain.Catalog;
using AtTicket.Domain.Venues;

namespace AtTicket.Infrastructure.Seeding;

/// <summary>What the demo sells: products, where and when they play, and how each hall is priced.</summary>
internal static class DemoProducts
{
    public static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    public static IReadOnlyList<DemoProduct> All { get; } =
    [
        new("Aurora Lights: Live in Seoul", ProductCategory.Concert, "aurora-lights", 120, "12+",
            "An evening of synth-pop under a ceiling of light: the band's first Seoul show in five years, with a new stage built for the round.",
            DemoVenues.ConcertHall, [Show(10, 19, 0), Show(11, 19, 0), Show(24, 18, 0)]),
        new("Seoul Philharmonic: Beethoven's Ninth", ProductCategory.Concert, "beethoven-ninth", 80, "All",
            "The Ninth Symphony with a 120-voice choir. Late-comers are seated after the first movement.",
            DemoVenues.ConcertHall, [Show(17, 19, 30), Show(31, 19, 30)]),
        new("The Lantern Keeper", ProductCategory.Musical, "lantern-keeper", 150, "8+",
            "A lighthouse keeper's daughter, a storm that will not end, and the songs that bring the ships home.",
            DemoVenues.Theatre, [.. Enumerable.Range(5, 8).Select(d => Show(d, 19, 30)), Show(6, 14, 0), Show(12, 14, 0)]),
        new("Moonlight over Hanok", ProductCategory.Musical, "moonlight-hanok", 140, "All",
            "Three generations, one wooden house in Bukchon, and a summer that changes all of them.",
            DemoVenues.Theatre, [.. Enumerable.Range(20, 4).Select(d => Show(d, 19, 30))]),
        new("Starfall Harbor", ProductCategory.Movie, "starfall-harbor", 124, "12+",
            "When the sky over a fishing town starts to fall one star at a time, a ferry pilot has one night to get everyone out.",
            DemoVenues.Cinema, [.. Enumerable.Range(1, 7).SelectMany(d => new[] { Show(d, 14, 0), Show(d, 18, 0) })]),
        new("The Last Tram Home", ProductCategory.Movie, "last-tram", 98, "15+",
            "Two strangers miss the last tram in Busan and walk the city until dawn.",
            DemoVenues.Cinema, [.. Enumerable.Range(1, 7).Select(d => Show(d, 21, 30))]),
        new("Winter Jazz Night", ProductCategory.Concert, "winter-jazz", 100, "All",
            "A quartet, a fireplace and the standards. Dates to be announced.",
            DemoVenues.ConcertHall, [], OnSale: false),
    ];

    /// <summary>Grade names, prices (KRW) and colours per hall, and which seats each grade covers.</summary>
    public static IReadOnlyList<DemoGrade> GradesFor(string hall) => hall switch
    {
        DemoVenues.ConcertHall =>
        [
            new("VIP", 165_000, "#b8860b", s => s.Section == "Floor B" && Row(s) < 8),
            new("R", 132_000, "#c0392b", s => (s.Section == "Floor B" && Row(s) >= 8) || (s.Section.StartsWith("Floor") && Row(s) < 8)),
            new("S", 99_000, "#2e86c1", s => s.Section.StartsWith("Floor")),
            new("A", 66_000, "#27ae60", _ => true),
        ],
        DemoVenues.Theatre =>
        [
            new("VIP", 150_000, "#b8860b", s => s.Section == "Orchestra" && Row(s) < 5),
            new("R", 120_000, "#c0392b", s => s.Section == "Orchestra" && Row(s) < 10),
            new("S", 90_000, "#2e86c1", s => s.Section == "Orchestra"),
            new("A", 60_000, "#27ae60", _ => true),
        ],
        _ =>
        [
            new("Premium", 18_000, "#8e44ad", s => s.Row is "F" or "G" or "H"),
            new("Standard", 14_000, "#2e86c1", _ => true),
        ],
    };

    private static int Row(Seat seat) => seat.Row[0] - 'A';

    private static DemoShow Show(int daysFromToday, int hour, int minute) => new(daysFromToday, new TimeSpan(hour, minute, 0));
}

internal sealed record DemoProduct(
    string Title,
    ProductCategory Category,
    string PosterSlug,
    int RunningMinutes,
    string AgeRating,
    string Description,
    string Hall,
    IReadOnlyList<DemoShow> Shows,
    bool OnSale = true);

internal sealed record DemoShow(int DaysFromToday, TimeSpan LocalTime);

/// <summary>A grade takes every seat its rule matches that an earlier grade did not take.</summary>
internal sealed record DemoGrade(string Name, long Price, string Color, Func<Seat, bool> Covers);

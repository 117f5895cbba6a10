namespace AtTicket.Infrastructure.Seeding;

/// <summary>What the demo sells: products, where and when they play, and how each hall is priced.</summary>
internal static class DemoProducts
{
    public static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    public static IReadOnlyList<DemoProduct> All { get; } =
    [
        new("Aurora Lights: Live in Seoul", "오로라 라이츠 서울 라이브", ProductCategory.Concert, "aurora-lights", 120, "12+",
            "An evening of synth-pop under a ceiling of light: the band's first Seoul show in five years, with a new stage built for the round.",
            "빛으로 덮인 천장 아래 펼쳐지는 신스팝의 밤. 5년 만의 서울 공연을 위해 원형 무대를 새로 지었습니다.",
            DemoVenues.ConcertHall, [Show(10, 19, 0), Show(11, 19, 0), Show(24, 18, 0)]),
        new("Seoul Philharmonic: Beethoven's Ninth", "서울 필하모닉: 베토벤 교향곡 9번 '합창'", ProductCategory.Concert, "beethoven-ninth", 80, "All",
            "The Ninth Symphony with a 120-voice choir. Late-comers are seated after the first movement.",
            "120명의 합창단과 함께하는 교향곡 9번. 늦게 오신 관객은 1악장이 끝난 뒤 입장합니다.",
            DemoVenues.ConcertHall, [Show(17, 19, 30), Show(31, 19, 30)]),
        new("The Lantern Keeper", "등대지기", ProductCategory.Musical, "lantern-keeper", 150, "8+",
            "A lighthouse keeper's daughter, a storm that will not end, and the songs that bring the ships home.",
            "등대지기의 딸, 그치지 않는 폭풍, 그리고 배들을 집으로 이끄는 노래.",
            DemoVenues.Theatre, [.. Enumerable.Range(5, 8).Select(d => Show(d, 19, 30)), Show(6, 14, 0), Show(12, 14, 0)]),
        new("Moonlight over Hanok", "한옥 위의 달빛", ProductCategory.Musical, "moonlight-hanok", 140, "All",
            "Three generations, one wooden house in Bukchon, and a summer that changes all of them.",
            "북촌의 한 한옥에 사는 세 세대, 그리고 모두를 바꿔 놓은 어느 여름.",
            DemoVenues.Theatre, [.. Enumerable.Range(20, 4).Select(d => Show(d, 19, 30))]),
        new("Starfall Harbor", "별이 지는 항구", ProductCategory.Movie, "starfall-harbor", 124, "12+",
            "When the sky over a fishing town starts to fall one star at a time, a ferry pilot has one night to get everyone out.",
            "어촌 마을의 하늘에서 별이 하나씩 떨어지기 시작하자, 여객선 선장에게 모두를 대피시킬 단 하룻밤이 주어진다.",
            DemoVenues.Cinema, [.. Enumerable.Range(1, 7).SelectMany(d => new[] { Show(d, 14, 0), Show(d, 18, 0) })]),
        new("The Last Tram Home", "막차를 놓친 밤", ProductCategory.Movie, "last-tram", 98, "15+",
            "Two strangers miss the last tram in Busan and walk the city until dawn.",
            "부산에서 막차를 놓친 두 낯선 사람이 새벽까지 도시를 걷는다.",
            DemoVenues.Cinema, [.. Enumerable.Range(1, 7).Select(d => Show(d, 21, 30))]),
        new("Winter Jazz Night", "겨울 재즈의 밤", ProductCategory.Concert, "winter-jazz", 100, "All",
            "A quartet, a fireplace and the standards. Dates to be announced.",
            "4중주, 벽난로, 그리고 스탠더드 재즈. 일정은 추후 공개됩니다.",
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
    string TitleKo,
    ProductCategory Category,
    string PosterSlug,
    int RunningMinutes,
    string AgeRating,
    string Description,
    string DescriptionKo,
    string Hall,
    IReadOnlyList<DemoShow> Shows,
    bool OnSale = true);

internal sealed record DemoShow(int DaysFromToday, TimeSpan LocalTime);

/// <summary>A grade takes every seat its rule matches that an earlier grade did not take.</summary>
internal sealed record DemoGrade(string Name, long Price, string Color, Func<Seat, bool> Covers);

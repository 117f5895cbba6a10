namespace AtTicket.Infrastructure.Seeding;

/// <summary>
/// Three halls of different shapes. Positions are in seat widths; the stage is above y = 0.
/// </summary>
internal static class DemoVenues
{
    public const string ConcertHall = "Main Hall";
    public const string Theatre = "Grand Theatre";
    public const string Cinema = "Screen 1";

    public static IReadOnlyList<Venue> Create()
    {
        var hanbit = new Venue("Hanbit Concert Hall", "Seocho-gu, Seoul");
        hanbit.SetKoreanText("한빛 콘서트홀", "서울 서초구");
        var concertHall = Korean(hanbit.AddHall(ConcertHall), "대공연장");
        BuildConcertHall(concertHall);
        KoreanSections(concertHall, ("Floor A", "플로어 A"), ("Floor B", "플로어 B"), ("Floor C", "플로어 C"), ("Balcony L", "발코니 좌"), ("Balcony C", "발코니 중앙"), ("Balcony R", "발코니 우"));

        var daehangno = new Venue("Daehangno Arts Theatre", "Jongno-gu, Seoul");
        daehangno.SetKoreanText("대학로 예술극장", "서울 종로구");
        var theatre = Korean(daehangno.AddHall(Theatre), "대극장");
        BuildTheatre(theatre);
        KoreanSections(theatre, ("Orchestra", "1층"), ("Circle", "2층"));

        var cinema = new Venue("Cine Hangang", "Yeongdeungpo-gu, Seoul");
        cinema.SetKoreanText("시네 한강", "서울 영등포구");
        var screen = Korean(cinema.AddHall(Cinema), "1관");
        BuildCinema(screen);
        KoreanSections(screen, ("Cinema", "일반석"));

        return [hanbit, daehangno, cinema];
    }

    private static Hall Korean(Hall hall, string name)
    {
        hall.SetKoreanName(name);
        return hall;
    }

    private static void KoreanSections(Hall hall, params (string Section, string NameKo)[] names)
    {
        foreach (var (section, nameKo) in names)
        {
            hall.NameSectionInKorean(section, nameKo);
        }
    }

    /// <summary>1,024 seats: three floor blocks of 20 rows and three balcony blocks of 8 rows.</summary>
    private static void BuildConcertHall(Hall hall)
    {
        Block(hall, "Floor A", rows: 20, seats: 10, x: 0, y: 3);
        Block(hall, "Floor B", rows: 20, seats: 16, x: 12, y: 3);
        Block(hall, "Floor C", rows: 20, seats: 10, x: 30, y: 3);
        Block(hall, "Balcony L", rows: 8, seats: 10, x: 0, y: 26);
        Block(hall, "Balcony C", rows: 8, seats: 18, x: 11, y: 26);
        Block(hall, "Balcony R", rows: 8, seats: 10, x: 30, y: 26);
    }

    /// <summary>404 seats: a fan-shaped orchestra with a centre aisle, and a circle above it.</summary>
    private static void BuildTheatre(Hall hall)
    {
        const double centre = 15;
        for (var r = 0; r < 14; r++)
        {
            var count = 20 + (r / 3 * 2);
            for (var i = 0; i < count; i++)
            {
                var aisle = i >= count / 2 ? 1.5 : 0;
                hall.AddSeat("Orchestra", RowLabel(r), i + 1, centre - (count / 2.0) + i + aisle, 3 + r);
            }
        }

        Block(hall, "Circle", rows: 4, seats: 18, x: centre - 8.25, y: 19);
    }

    /// <summary>152 places: nine rows of 16 with two aisles, and a back row of wheelchair spaces with companion seats.</summary>
    private static void BuildCinema(Hall hall)
    {
        for (var r = 0; r < 9; r++)
        {
            for (var i = 0; i < 16; i++)
            {
                var aisle = i >= 4 ? 1 : 0;
                aisle += i >= 12 ? 1 : 0;
                hall.AddSeat("Cinema", RowLabel(r), i + 1, i + aisle, 3 + r);
            }
        }

        // Row J: pairs of a wheelchair space and a companion seat, spread along the back.
        for (var pair = 0; pair < 4; pair++)
        {
            var x = 1 + (pair * 4.5);
            hall.AddSeat("Cinema", "J", (pair * 2) + 1, x, 13, SeatKind.Wheelchair);
            hall.AddSeat("Cinema", "J", (pair * 2) + 2, x + 1, 13, SeatKind.Companion);
        }
    }

    private static void Block(Hall hall, string section, int rows, int seats, double x, double y)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < seats; i++)
            {
                hall.AddSeat(section, RowLabel(r), i + 1, x + i, y + r);
            }
        }
    }

    public static string RowLabel(int index) => ((char)('A' + index)).ToString();
}

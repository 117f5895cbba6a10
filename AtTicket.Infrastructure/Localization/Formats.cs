namespace AtTicket.Infrastructure.Localization;

/// <summary>
/// Money in KRW and times in Korea Standard Time, written the way each language writes them: on the
/// pages and in the mails alike.
/// </summary>
public static class Formats
{
    /// <summary>Korea has no daylight saving time, so a fixed offset is exact.</summary>
    public static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko-KR");

    public static bool IsKorean(CultureInfo culture) => culture.TwoLetterISOLanguageName == "ko";

    public static string Krw(long amount, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        return IsKorean(culture)
            ? amount.ToString("N0", Korean) + "원"
            : "₩" + amount.ToString("N0", CultureInfo.InvariantCulture);
    }

    public static string DateTime(DateTimeOffset instant, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var local = instant.ToOffset(Kst);
        // Buyers abroad must not read a Korean start time as their own, so the zone is named.
        return IsKorean(culture)
            ? local.ToString("yyyy. M. d. (ddd) HH:mm", Korean) + " (한국 시간)"
            : local.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-GB")) + " KST";
    }

    public static string Date(DateTimeOffset instant, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var local = instant.ToOffset(Kst);
        return IsKorean(culture)
            ? local.ToString("M월 d일 (ddd)", Korean)
            : local.ToString("ddd d MMM", CultureInfo.GetCultureInfo("en-GB"));
    }

    /// <summary>A time of day in Korea, with seconds (for "updated at" stamps).</summary>
    public static string Time(DateTimeOffset instant) => instant.ToOffset(Kst).ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " KST";
}

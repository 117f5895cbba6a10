namespace AtTicket.Web.Localization;

/// <summary>
/// Plural forms: English has "one" and "other", Korean only "other" (its resource gives both keys
/// the same text). <paramref name="count"/> is argument {0} of both texts.
/// </summary>
public static class Plural
{
    public static LocalizedString Count(this IStringLocalizer localizer, int count, string one, string other, params object[] arguments) =>
        localizer[count == 1 ? one : other, [count.ToString("N0", CultureInfo.CurrentCulture), .. arguments]];
}

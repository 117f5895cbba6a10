using System.Globalization;

namespace AtTicket.Domain.Common;

/// <summary>
/// Show data (titles, descriptions, venue and hall names) in two languages: the default text, which every show
/// has, and an optional Korean one. Korean readers see the Korean text when there is one, everyone else the default.
/// </summary>
public static class ShowText
{
    public static string For(CultureInfo culture, string text, string? korean) =>
        culture.TwoLetterISOLanguageName == "ko" && !string.IsNullOrWhiteSpace(korean) ? korean : text;

    /// <summary>The same text for the current UI culture.</summary>
    public static string ForReader(string text, string? korean) => For(CultureInfo.CurrentUICulture, text, korean);
}

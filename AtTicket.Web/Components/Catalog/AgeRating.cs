using System.Text.RegularExpressions;

namespace AtTicket.Web.Components.Catalog;

/// <summary>
/// A product's age rating as buyers read it. Admins enter it as a short code ("All", "12+"), which
/// reads badly as it is ("Age All").
/// </summary>
public static partial class AgeRating
{
    public static string Describe(string rating, IStringLocalizer localizer)
    {
        if (string.Equals(rating.Trim(), "All", StringComparison.OrdinalIgnoreCase))
        {
            return localizer["All ages"];
        }

        var minimum = MinimumAge().Match(rating);
        return minimum.Success ? localizer["Ages {0} and over", minimum.Groups["age"].Value] : localizer["Age {0}", rating];
    }

    [GeneratedRegex(@"^\s*(?<age>\d{1,2})\s*\+\s*$")]
    private static partial Regex MinimumAge();
}

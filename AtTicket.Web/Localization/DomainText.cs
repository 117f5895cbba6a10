using System.Globalization;
using System.Text.RegularExpressions;
using AtTicket.Domain.Common;
using Microsoft.Extensions.Localization;

namespace AtTicket.Web.Localization;

/// <summary>
/// Shows the Domain's English sentences (rules, payment answers) in the member's language. The
/// Domain speaks English only and puts numbers in its sentences ("at most 4 seats"); the resources
/// hold those sentences with the numbers as placeholders ("at most {0} seats"), so a sentence is
/// found either as it is or with its numbers taken out. A sentence without a translation is shown
/// in English rather than not at all.
/// </summary>
public static partial class DomainText
{
    /// <summary>A refusal's text by its code (<see cref="Refusal.Key"/>) with its values; English if the resources lack it.</summary>
    public static string Localize(this IStringLocalizer localizer, Refusal refusal)
    {
        var localized = localizer[refusal.Key, [.. refusal.Arguments]];
        return localized.ResourceNotFound ? refusal.Message : localized.Value;
    }

    /// <summary>The refusal by its code when it has one, otherwise its sentence.</summary>
    public static string Localize(this IStringLocalizer localizer, DomainException refused) =>
        refused.Refusal is { } refusal ? localizer.Localize(refusal) : localizer.Localize(refused.Message);

    public static string Localize(this IStringLocalizer localizer, string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return string.Empty;
        }

        var exact = localizer[message];
        if (!exact.ResourceNotFound)
        {
            return exact.Value;
        }

        // A sentence quoting what someone typed may hold braces; as a format it would throw, so it is shown as it is.
        if (message.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            return message;
        }

        var numbers = new List<object>();
        var template = Number().Replace(message, match =>
        {
            numbers.Add(long.Parse(match.Value, CultureInfo.InvariantCulture));
            return "{" + (numbers.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        });
        if (numbers.Count == 0)
        {
            return message;
        }

        var localized = localizer[template, [.. numbers]];
        return localized.ResourceNotFound ? message : localized.Value;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}

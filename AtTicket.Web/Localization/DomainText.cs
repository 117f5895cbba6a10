namespace AtTicket.Web.Localization;

/// <summary>
/// Shows what the Domain said (refusals, payment answers) in the member's language. A refusal with values
/// carries a code and its arguments (<see cref="Refusal"/>), so its text is looked up by code; a sentence
/// without values (a result's message, a fixed refusal) is looked up as it is. Text without a translation
/// is shown in English rather than not at all.
/// </summary>
public static class DomainText
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

    /// <summary>Why nothing was held, by its code.</summary>
    public static string Localize(this IStringLocalizer localizer, HoldResult result) =>
        result.Refusal is { } refusal ? localizer.Localize(refusal) : string.Empty;

    /// <summary>What a checkout came to: by its code when the Domain said it, as it is when a payment gateway did.</summary>
    public static string Localize(this IStringLocalizer localizer, ConfirmResult result) =>
        result.Refusal is { } refusal ? localizer.Localize(refusal) : localizer.Localize(result.Message);

    /// <summary>What a cancellation came to: by its code when refused, otherwise as it is.</summary>
    public static string Localize(this IStringLocalizer localizer, CancelResult result) =>
        result.Refusal is { } refusal ? localizer.Localize(refusal) : localizer.Localize(result.Message);

    /// <summary>A sentence without values, as the resources hold it; English if they do not.</summary>
    public static string Localize(this IStringLocalizer localizer, string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return string.Empty;
        }

        var localized = localizer[message];
        return localized.ResourceNotFound ? message : localized.Value;
    }
}

namespace AtTicket.Web.Localization;

/// <summary>
/// Shows what the Domain said (refusals, checkout and cancellation answers, payment answers) in the member's
/// language, looked up by its code with its arguments (<see cref="Refusal"/>, ADR 0005). A refusal without a
/// code (the Domain and the Infrastructure make none now) is looked up as it is written. Text without a
/// translation is shown in English rather than not at all.
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

    /// <summary>What a checkout or a cancellation came to, by its code.</summary>
    public static string Localize<TOutcome>(this IStringLocalizer localizer, BookingResult<TOutcome> result)
        where TOutcome : struct, Enum =>
        localizer.Localize(result.Said);

    /// <summary>A sentence without a code, as the resources hold it; English if they do not.</summary>
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

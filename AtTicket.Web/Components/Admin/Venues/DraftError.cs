namespace AtTicket.Web.Components.Admin.Venues;

/// <summary>
/// Why the seat-map editor refused a step. <see cref="Message"/> is the English text, which is also the
/// resource key, so the page can show it in the reader's language.
/// </summary>
public sealed record DraftError(string Message, params object[] Arguments)
{
    /// <summary>The Domain's refusal, when the step was refused there; its code finds the text.</summary>
    public Refusal? Refusal { get; init; }

    public static DraftError Of(DomainException refused) => new(refused.Message) { Refusal = refused.Refusal };

    // Without arguments the text is shown as is: a sentence from the domain may contain braces.
    public string Localize(IStringLocalizer localizer) =>
        Refusal is { } refusal ? localizer.Localize(refusal)
        : Arguments.Length == 0 ? localizer.Localize(Message)
        : localizer[Message, Arguments];

    public override string ToString() =>
        Arguments.Length == 0 ? Message : string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, Arguments);
}

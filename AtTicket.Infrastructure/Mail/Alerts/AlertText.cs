using System.Resources;

namespace AtTicket.Infrastructure.Mail.Alerts;

/// <summary>
/// The alert's words in one language: AlertText(.ko).resx beside this file, keyed by the English text
/// as the web app's resources are. Each mail names its culture (the member's), not the thread's.
/// </summary>
public sealed class AlertText(CultureInfo culture)
{
    private static readonly ResourceManager Resources = new(typeof(AlertText));

    public CultureInfo Culture => culture;

    public string this[string key] => Resources.GetString(key, culture) ?? key;

    public string this[string key, params object[] arguments] => string.Format(culture, this[key], arguments);

    /// <summary>Every key the English resources hold, for the tests that keep both languages in step.</summary>
    public static IReadOnlyCollection<string> Keys(CultureInfo culture) =>
        [.. (Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false) ?? throw new InvalidOperationException($"No alert texts for {culture.Name}."))
            .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key)];
}

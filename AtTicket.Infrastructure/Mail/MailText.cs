using System.Resources;

namespace AtTicket.Infrastructure.Mail;

/// <summary>
/// The words of the mails in English and Korean: Mail/MailText(.ko).resx, keyed by the English text as
/// the pages' resources are. A mail is written in its reader's language, not the worker's, so the
/// culture is always passed.
/// </summary>
public static class MailText
{
    private static readonly ResourceManager Resources = new("AtTicket.Infrastructure.Mail.MailText", typeof(MailText).Assembly);

    public static string Get(string key, CultureInfo culture) => Resources.GetString(key, culture) ?? key;

    public static string Format(string key, CultureInfo culture, params object[] arguments) =>
        string.Format(culture, Get(key, culture), arguments);

    /// <summary>Every key with its text in <paramref name="culture"/> (for the test that both languages are complete).</summary>
    public static IReadOnlyDictionary<string, string> All(CultureInfo culture)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        return set is null
            ? new Dictionary<string, string>()
            : set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }
}

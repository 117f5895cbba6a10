using System.Text.RegularExpressions;
using System.Xml.Linq;
using AtTicket.Domain.Catalog;

namespace AtTicket.Web.Tests.Localization;

/// <summary>The English and Korean resources agree with each other and with the text the app asks for.</summary>
public sealed partial class ResourceTests
{
    private static readonly IReadOnlyDictionary<string, string> English = Load(SourceTree.EnglishResources);
    private static readonly IReadOnlyDictionary<string, string> Korean = Load(SourceTree.KoreanResources);

    [Fact]
    public void English_and_Korean_resources_have_the_same_keys()
    {
        Assert.Empty(English.Keys.Except(Korean.Keys).Order());
        Assert.Empty(Korean.Keys.Except(English.Keys).Order());
    }

    [Fact]
    public void No_resource_value_is_empty()
    {
        Assert.Empty(English.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => "en: " + e.Key));
        Assert.Empty(Korean.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => "ko: " + e.Key));
    }

    [Fact]
    public void Korean_values_keep_the_placeholders_of_the_English_text()
    {
        // The English text, not the key: a refusal's key is its code (Refusal.TextTooLong.Title), its text has the values.
        var broken = Korean
            .Where(e => !Placeholders(English.GetValueOrDefault(e.Key, e.Key)).SetEquals(Placeholders(e.Value)))
            .Select(e => $"{e.Key} -> {e.Value}");

        Assert.Empty(broken);
    }

    [Fact]
    public void Every_text_the_app_asks_for_has_a_resource()
    {
        var keys = LiteralKeysInSource(LocalizerLookup());

        Assert.NotEmpty(keys);
        Assert.Empty(keys.Where(k => !English.ContainsKey(k.Key)).Select(k => $"{k.Key} ({k.File})"));
        Assert.Empty(keys.Where(k => !Korean.ContainsKey(k.Key)).Select(k => $"{k.Key} ({k.File})"));
    }

    [Fact]
    public void English_sentence_keys_keep_their_placeholders()
    {
        var broken = English
            .Where(e => !e.Key.StartsWith("Refusal.", StringComparison.Ordinal) && !Placeholders(e.Key).SetEquals(Placeholders(e.Value)))
            .Select(e => $"{e.Key} -> {e.Value}");

        Assert.Empty(broken);
    }

    [Fact]
    public void No_text_leaves_its_plural_to_the_reader()
    {
        Assert.Empty(English.Where(e => e.Value.Contains("(s)", StringComparison.Ordinal)).Select(e => e.Value));
    }

    [Fact]
    public void Every_plural_text_the_app_asks_for_has_a_resource()
    {
        var keys = SourceTree.WebSourceFiles()
            .SelectMany(file => PluralLookup().Matches(File.ReadAllText(file))
                .SelectMany(m => new[] { m.Groups["one"].Value, m.Groups["other"].Value })
                .Select(key => (Key: Unescape(key), File: Path.GetRelativePath(SourceTree.WebProject, file))))
            .Distinct()
            .ToList();

        Assert.Contains(keys, k => k.Key == "{0} performances scheduled."); // the scan itself works
        Assert.Empty(keys.Where(k => !English.ContainsKey(k.Key) || !Korean.ContainsKey(k.Key)).Select(k => $"{k.Key} ({k.File})"));
    }

    [Fact]
    public void No_two_keys_differ_only_in_case()
    {
        // Resource names ignore case: of two such keys one is dropped and its text falls back to English.
        var clashes = English.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g));

        Assert.Empty(clashes);
    }

    [Fact]
    public void Every_validation_message_has_a_resource()
    {
        // The REST API answers developers in English (docs/api.md); the pages speak both languages.
        var keys = LiteralKeysInSource(ErrorMessage()).Where(k => !k.File.StartsWith("Api" + Path.DirectorySeparatorChar)).ToList();

        Assert.NotEmpty(keys);
        Assert.Empty(keys.Where(k => !English.ContainsKey(k.Key)).Select(k => $"{k.Key} ({k.File})"));
        Assert.Empty(keys.Where(k => !Korean.ContainsKey(k.Key)).Select(k => $"{k.Key} ({k.File})"));
    }

    [Fact]
    public void Every_product_category_has_a_resource()
    {
        // ProductCard shows L[Product.Category.ToString()], a key no literal search can see.
        var names = Enum.GetNames<ProductCategory>();

        Assert.All(names, n => Assert.True(English.ContainsKey(n) && Korean.ContainsKey(n), $"No resource for category {n}."));
    }

    [Fact]
    public void Source_scan_finds_the_keys_it_is_meant_to_find()
    {
        // Guards the scan itself: if the patterns stop matching, the tests above would pass on nothing.
        var lookups = LiteralKeysInSource(LocalizerLookup()).Select(k => k.Key).ToHashSet();
        var messages = LiteralKeysInSource(ErrorMessage()).Select(k => k.Key).ToHashSet();

        Assert.Contains("Upcoming performances", lookups);
        Assert.Contains("from {0}", lookups);
        Assert.Contains("The e-mail address {0} already has an account.", lookups);
        Assert.Contains("Enter your e-mail address.", messages);
        Assert.Contains("The passwords do not match.", messages);
    }

    private static List<(string Key, string File)> LiteralKeysInSource(Regex pattern) =>
        [.. SourceTree.WebSourceFiles()
            .SelectMany(file => pattern.Matches(File.ReadAllText(file))
                .Select(m => (Key: Unescape(m.Groups["key"].Value), File: Path.GetRelativePath(SourceTree.WebProject, file))))
            .Distinct()];

    private static Dictionary<string, string> Load(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty);

    private static HashSet<string> Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text).Select(m => m.Value)];

    private static string Unescape(string literal) => literal.Replace("\\\"", "\"").Replace("\\\\", "\\");

    /// <summary><c>L["..."]</c> in components, <c>l["..."]</c> in injected services such as the error describer.</summary>
    [GeneratedRegex(@"\b[Ll]\[""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerLookup();

    /// <summary><c>L.Count(count, "one", "other"...)</c>: the two forms of a plural text.</summary>
    [GeneratedRegex(@"\bL\.Count\([^""]*?,\s*""(?<one>(?:[^""\\]|\\.)*)""\s*,\s*""(?<other>(?:[^""\\]|\\.)*)""")]
    private static partial Regex PluralLookup();

    [GeneratedRegex(@"\bErrorMessage\s*=\s*""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex ErrorMessage();

    [GeneratedRegex(@"\{\d+(?:[:,][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}

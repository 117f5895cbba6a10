using System.Text.RegularExpressions;
using System.Xml.Linq;
using AtTicket.Web.Tests.Localization;

namespace AtTicket.Web.Tests.Admin.Venues;

/// <summary>
/// The seat-map editor's refusals are <c>DraftError</c>s localized by key at display time, a lookup the
/// general <c>L["..."]</c> scan cannot see; this test covers them.
/// </summary>
public sealed partial class EditorMessageResourceTests
{
    [Fact]
    public void Every_editor_message_has_an_English_and_a_Korean_resource()
    {
        var folder = Path.Combine(SourceTree.WebProject, "Components", "Admin", "Venues");
        var keys = Directory.EnumerateFiles(folder, "*.*")
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .SelectMany(f => DraftErrorLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value.Replace("\\\"", "\"")))
            .Distinct()
            .ToList();
        var english = Keys(SourceTree.EnglishResources);
        var korean = Keys(SourceTree.KoreanResources);

        var missing = keys.Where(k => !english.Contains(k) || !korean.Contains(k)).ToList();

        Assert.Contains("Seat {0} appears more than once.", keys);
        Assert.Empty(missing);
    }

    private static HashSet<string> Keys(string path) =>
        [.. XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];

    [GeneratedRegex(@"new DraftError\(\s*""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex DraftErrorLiteral();
}

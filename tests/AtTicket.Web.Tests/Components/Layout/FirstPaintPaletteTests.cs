using System.Globalization;
using System.Text.RegularExpressions;
using AtTicket.Web.Components.Layout;
using AtTicket.Web.Tests.Localization;
using MudBlazor;
using MudBlazor.Utilities;

namespace AtTicket.Web.Tests.Components.Layout;

/// <summary>
/// app.css paints the first frame before MudBlazor's theme style applies, with colours it can only copy
/// from <see cref="AppTheme"/>: each copy must be the palette's own colour, or a palette change leaves
/// the first frame in the old colours.
/// </summary>
public sealed partial class FirstPaintPaletteTests
{
    private static readonly string Css = File.ReadAllText(Path.Combine(SourceTree.WebProject, "wwwroot", "css", "app.css"));

    [Fact]
    public void The_dark_device_rules_use_the_dark_palettes_colours()
    {
        var block = DarkDeviceBlock();
        var variables = PaletteVariable().Matches(block).ToList();

        Assert.True(variables.Count >= 10, $"Expected the dark device's palette variables in app.css, found {variables.Count}.");
        Assert.All(variables, v => AssertSame(AppTheme.Theme.PaletteDark, v.Groups["name"].Value, v.Groups["value"].Value));
        Assert.Equal(Color(AppTheme.Theme.PaletteDark.Background), Color(BackgroundIn(block)));
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    [InlineData("system")]
    public void The_stored_themes_first_frame_has_its_palettes_background(string theme)
    {
        var rule = Regex.Match(Css, $@"html\[data-theme={theme}\]\s*\{{(?<body>[^}}]*)\}}").Groups["body"].Value;
        Palette palette = theme == "dark" ? AppTheme.Theme.PaletteDark : AppTheme.Theme.PaletteLight;

        Assert.Equal(Color(palette.Background), Color(BackgroundIn(rule)));
    }

    private static void AssertSame(Palette palette, string cssName, string cssValue)
    {
        var pascal = string.Concat(cssName.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        // MudBlazor writes a colour's ContrastText as "--mud-palette-{colour}-text".
        var property = typeof(Palette).GetProperty(pascal)
            ?? (pascal.EndsWith("Text", StringComparison.Ordinal) ? typeof(Palette).GetProperty(pascal[..^4] + "ContrastText") : null)
            ?? throw new Xunit.Sdk.XunitException($"app.css sets --mud-palette-{cssName}, which no palette colour is called.");
        Assert.True(
            Color(property.GetValue(palette)!.ToString()!) == Color(cssValue),
            $"--mud-palette-{cssName} is {cssValue} in app.css but {property.GetValue(palette)} in AppTheme's dark palette.");
    }

    private static string DarkDeviceBlock()
    {
        var start = Css.IndexOf("@media (prefers-color-scheme: dark)", StringComparison.Ordinal);
        Assert.True(start >= 0, "app.css has no rules for a dark device.");
        var end = Css.IndexOf("\n}", start, StringComparison.Ordinal);
        return Css[start..end];
    }

    private static string BackgroundIn(string rule) => Regex.Match(rule, @"(?<![-\w])background-color:\s*(?<value>[^;]+);").Groups["value"].Value;

    /// <summary>Colours compared as RGBA, however they are written (#15121b, rgba(255,255,255,.7)).</summary>
    private static (byte R, byte G, byte B, byte A) Color(object value)
    {
        var color = new MudColor(Convert.ToString(value, CultureInfo.InvariantCulture)!.Replace(",.", ",0.", StringComparison.Ordinal));
        return (color.R, color.G, color.B, color.A);
    }

    [GeneratedRegex(@"--mud-palette-(?<name>[a-z-]+):\s*(?<value>[^;]+);")]
    private static partial Regex PaletteVariable();
}

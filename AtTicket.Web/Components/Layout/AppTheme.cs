namespace AtTicket.Web.Components.Layout;

/// <summary>
/// The palettes. Every colour that carries text meets WCAG AA (4.5:1). Light theme: the status colours
/// are dark enough for white text on a filled chip and for coloured text on the page, even over a text
/// chip's 6 % tint. Dark theme: light enough for coloured text on the dark surface, with dark text on
/// their fills.
/// </summary>
public static class AppTheme
{
    private const string DarkText = "rgba(0,0,0,0.87)";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#6a1b9a",
            Secondary = "#b83a00",
            Info = "#1565c0",
            Success = "#2a7030",
            Warning = "#a84300",
            Error = "#c62828",
            TextSecondary = "#5f5a66",
            AppbarBackground = "#4a148c",
            Background = "#f7f5fa",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = WithDarkTextOnFills(new PaletteDark
        {
            Primary = "#ce93d8",
            Secondary = "#ffb74d",
            Info = "#64b5f6",
            Success = "#66bb6a",
            Warning = "#ffa726",
            Error = "#ef9a9a",
            TextSecondary = "#b0a8b9",
            AppbarBackground = "#1e1430",
            Background = "#15121b",
            Surface = "#201b29",
            DrawerBackground = "#1a1622",
        }),
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
    };

    /// <summary>The dark theme's status fills are light: the text on them is dark.</summary>
    private static PaletteDark WithDarkTextOnFills(PaletteDark palette)
    {
        palette.PrimaryContrastText = DarkText;
        palette.SecondaryContrastText = DarkText;
        palette.InfoContrastText = DarkText;
        palette.SuccessContrastText = DarkText;
        palette.WarningContrastText = DarkText;
        palette.ErrorContrastText = DarkText;
        return palette;
    }
}

using MudBlazor;

namespace AtTicket.Web.Components.Layout;

public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#6a1b9a",
            Secondary = "#ff6f00",
            AppbarBackground = "#4a148c",
            Background = "#f7f5fa",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#ce93d8",
            Secondary = "#ffb74d",
            AppbarBackground = "#1e1430",
            Background = "#15121b",
            Surface = "#201b29",
            DrawerBackground = "#1a1622",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
    };
}

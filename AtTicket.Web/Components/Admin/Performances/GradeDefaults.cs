namespace AtTicket.Web.Components.Admin.Performances;

/// <summary>The grades a new performance starts with, the way Korean box offices name them.</summary>
public static class GradeDefaults
{
    private static readonly string[] Palette =
        ["#7b1fa2", "#2e7d32", "#1565c0", "#ef6c00", "#c62828", "#00838f", "#6d4c41", "#ad1457"];

    public static List<GradeDraft> For(ProductCategory category) => category switch
    {
        ProductCategory.Movie =>
        [
            new GradeDraft(null, "Standard", 14_000, "#1565c0"),
            new GradeDraft(null, "Premium", 18_000, "#c62828"),
        ],
        _ =>
        [
            new GradeDraft(null, "VIP", 170_000, Palette[0]),
            new GradeDraft(null, "R", 140_000, Palette[1]),
            new GradeDraft(null, "S", 110_000, Palette[2]),
            new GradeDraft(null, "A", 80_000, Palette[3]),
        ],
    };

    /// <summary>A colour no grade uses yet, so a new grade stands out on the map.</summary>
    public static string NextColor(IEnumerable<GradeDraft> grades)
    {
        var used = grades.Select(g => g.Color.ToLowerInvariant()).ToHashSet();
        return Palette.FirstOrDefault(c => !used.Contains(c)) ?? Palette[used.Count % Palette.Length];
    }
}

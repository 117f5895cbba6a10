namespace AtTicket.Web.Tests.Localization;

/// <summary>The repository's source, found by walking up from the test assembly to AtTicket.sln.</summary>
public static class SourceTree
{
    public static string Root { get; } = FindRoot();

    public static string WebProject { get; } = Path.Combine(Root, "AtTicket.Web");

    public static string EnglishResources => Path.Combine(WebProject, "Localization", "SharedResource.resx");

    public static string KoreanResources => Path.Combine(WebProject, "Localization", "SharedResource.ko.resx");

    /// <summary>The app's own .razor and .cs files, without build output.</summary>
    public static IEnumerable<string> WebSourceFiles() =>
        Directory.EnumerateFiles(WebProject, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".razor", StringComparison.Ordinal) || path.EndsWith(".cs", StringComparison.Ordinal))
            .Where(path =>
            {
                var relative = Path.GetRelativePath(WebProject, path).Replace('\\', '/');
                return !relative.StartsWith("bin/", StringComparison.Ordinal) && !relative.StartsWith("obj/", StringComparison.Ordinal);
            });

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AtTicket.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No AtTicket.sln above {AppContext.BaseDirectory}; the resource tests read the source tree.");
    }
}

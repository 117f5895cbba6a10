namespace AtTicket.Web.Localization;

/// <summary>
/// Numbers read from a page's query string. Pages take them as text, because Blazor fails the whole
/// page when a query value does not parse; a value that is not a plain positive number is simply ignored.
/// </summary>
public static class QueryValues
{
    /// <summary>A positive whole number at most <paramref name="max"/>, or null.</summary>
    public static int? Positive(string? value, int max = int.MaxValue) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 && number <= max ? number : null;
}

namespace AtTicket.Web.Components.Admin;

public static class DataGridPaging
{
    /// <summary>The rows per page an admin grid offers.</summary>
    public static readonly int[] PageSizes = [10, 20, 50];

    /// <summary>A changed search or filter starts again at page one; leaving page one reloads by itself.</summary>
    public static Task ReloadFromFirstPageAsync<T>(this MudDataGrid<T> grid)
    {
        if (grid.CurrentPage == 0)
        {
            return grid.ReloadServerData();
        }

        grid.NavigateTo(Page.First);
        return Task.CompletedTask;
    }

    /// <summary>What a grid's search box asks for: the text trimmed, or null (no search) when it is blank.</summary>
    public static string? SearchTerm(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

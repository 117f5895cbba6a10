using MudBlazor;

namespace AtTicket.Web.Components.Admin;

public static class DataGridPaging
{
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
}

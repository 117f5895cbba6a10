namespace AtTicket.Web.Components;

public static class DialogConfirmations
{
    /// <summary>Asks a yes-or-cancel question in a message box; closing the box any other way counts as cancel.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string yes, string cancel) =>
        await dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: cancel) == true;
}

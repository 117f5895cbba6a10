using AtTicket.Infrastructure.Members;
using Microsoft.AspNetCore.Components.Authorization;

namespace AtTicket.Web.Components.Notifications;

/// <summary>The member's on-sale alerts (one checkbox per category) and the language of their mails.</summary>
public partial class NotificationSettings(MemberPreferencesStore preferences, ISnackbar snackbar)
{
    private HashSet<ProductCategory>? _chosen;
    private string _culture = "en";
    private bool _saving;
    private string? _memberId;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _memberId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier);
        var stored = _memberId is null ? null : await preferences.GetAsync(_memberId);

        // Until the member chooses, their mails are in the language they are reading this page in.
        _culture = stored?.Culture ?? (Cultures.IsKorean(CultureInfo.CurrentUICulture) ? "ko" : "en");
        _chosen = [.. stored?.Categories ?? []];
    }

    private void Choose(ProductCategory category, bool on)
    {
        if (on)
        {
            _chosen!.Add(category);
        }
        else
        {
            _chosen!.Remove(category);
        }
    }

    private async Task SaveAsync()
    {
        if (_saving || _chosen is null)
        {
            return;
        }

        _saving = true;
        try
        {
            var saved = _memberId is not null && await preferences.SaveAsync(_memberId, _chosen, _culture);
            if (saved)
            {
                snackbar.Add(L["Your mail preferences are saved."], Severity.Success);
            }
            else
            {
                snackbar.Add(L["Your mail preferences could not be saved. Log in again and retry."], Severity.Error);
            }
        }
        finally
        {
            _saving = false;
        }
    }
}

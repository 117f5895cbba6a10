namespace AtTicket.Web.Components.Layout;

/// <summary>
/// What the layout needs to know about the visitor's choices before it renders. Without a theme of their
/// own choosing (<paramref name="FollowsSystem"/>), the layout follows the device's light or dark setting.
/// </summary>
public sealed record UiPreferences(bool DarkMode, bool FollowsSystem = false);

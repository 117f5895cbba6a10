namespace AtTicket.Web.Components.Layout;

/// <summary>What the layout needs to know about the visitor's choices before it renders.</summary>
public sealed record UiPreferences(bool DarkMode);

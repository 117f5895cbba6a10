namespace AtTicket.Web.Localization;

/// <summary>Marker for the app's strings: Localization/SharedResource(.ko).resx, keyed by the English text.</summary>
public sealed class SharedResource;

namespace AtTicket.Web.Components.SeatMap;

/// <summary>How one seat is drawn: its fill, an extra CSS class (held, sold, selected...) and its accessible name.</summary>
public readonly record struct SeatPaint(string Fill, string? CssClass, string Label);

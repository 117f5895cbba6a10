namespace AtTicket.Web.Components.SeatMap;

/// <summary>A seat clicked or pressed; <see cref="Adds"/> when Shift, Ctrl or Cmd was held, so it joins a selection instead of replacing it.</summary>
public readonly record struct SeatPick(SeatView Seat, bool Adds);

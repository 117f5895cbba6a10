namespace AtTicket.Web.Api.Bookings;

internal static class BookingMapping
{
    public static BookingResponse ToResponse(this BookingView view) =>
        new(
            view.Id,
            view.Number,
            view.Status,
            view.PerformanceId,
            view.ProductTitle,
            view.StartsAt,
            [.. view.Tickets.Select(t => new BookingSeatResponse(t.SeatId, t.Section, t.Row, t.Number, t.GradeName, t.Price))],
            view.Total,
            view.CreatedAt,
            view.Status == BookingStatus.Confirmed
                ? [.. view.Tickets.Select(t => new BookingTicketResponse(t.Code, t.SeatId, $"/api/bookings/{view.Id}/tickets/{Uri.EscapeDataString(t.Code)}/qr"))]
                : [],
            view.Status is BookingStatus.Cancelled or BookingStatus.Refunded ? new BookingRefundResponse(view.Total, view.RefundedAt) : null);

    public static HoldResponse ToResponse(this HoldView view) =>
        new(view.Id, view.PerformanceId, [.. view.Seats.Select(s => new HoldSeatResponse(s.Id, s.Section, s.Row, s.Number, s.GradeId, s.Price))], view.Total, view.ExpiresAt);
}

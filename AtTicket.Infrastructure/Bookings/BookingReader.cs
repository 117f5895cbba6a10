namespace AtTicket.Infrastructure.Bookings;

/// <summary>
/// Reads bookings for My bookings, the confirmation page, the API and the admin list. A member sees
/// only bookings that were ever confirmed or refunded (declined checkouts and ones still being paid
/// are not theirs to see); another member's booking is simply not found.
/// </summary>
public sealed class BookingReader(IDbContextFactory<AtTicketDbContext> contexts)
{
    public const int MaxPageSize = 100;

    public async Task<IReadOnlyList<BookingView>> ListForMemberAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await Visible(db.Bookings.Where(b => b.MemberId == memberId))
            .OrderByDescending(b => b.CreatedAt)
            .ThenByDescending(b => b.Number)
            .Select(b => b.Id)
            .ToListAsync(cancellationToken);
        var views = await DescribeAsync(db, ids, cancellationToken);
        return [.. ids.Select(id => views[id])];
    }

    /// <summary>The booking for its member or for an admin; null for anyone else, as for a missing one.</summary>
    public async Task<BookingView?> FindAsync(Guid bookingId, string memberId, bool asAdmin, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Bookings.Where(b => b.Id == bookingId);
        if (!asAdmin)
        {
            query = Visible(query.Where(b => b.MemberId == memberId));
        }

        var id = await query.Select(b => (Guid?)b.Id).SingleOrDefaultAsync(cancellationToken);
        return id is null ? null : (await DescribeAsync(db, [id.Value], cancellationToken))[id.Value];
    }

    /// <summary>
    /// A booking the caller already knows may be shown (the member's own checkout just confirmed it):
    /// described without asking again who may see it.
    /// </summary>
    public async Task<BookingView?> DescribeAsync(Guid bookingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken); // one connection for both queries
        return (await DescribeAsync(db, [bookingId], cancellationToken)).GetValueOrDefault(bookingId);
    }

    /// <summary>A performance's bookings, newest first; <paramref name="search"/> matches the booking number or the member's email.</summary>
    public async Task<Page<BookingRow>> ListForPerformanceAsync(int performanceId, string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = from b in db.Bookings
                   join m in db.Users on b.MemberId equals m.Id
                   where b.PerformanceId == performanceId && b.Status != BookingStatus.PendingPayment
                       && (b.Status != BookingStatus.Cancelled || b.ConfirmedAt != null)
                   select new { Booking = b, m.Email };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToUpperInvariant();
            rows = rows.Where(r => r.Booking.Number.ToUpper().Contains(term) || r.Email!.ToUpper().Contains(term));
        }

        var total = await rows.CountAsync(cancellationToken);
        var items = await rows
            .OrderByDescending(r => r.Booking.CreatedAt)
            .ThenByDescending(r => r.Booking.Number) // a total order, so pages neither repeat nor skip a booking
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(r => new BookingRow(
                r.Booking.Id,
                r.Booking.Number,
                r.Booking.Status,
                r.Email ?? string.Empty,
                r.Booking.Tickets.Count,
                r.Booking.TotalAmount,
                r.Booking.CreatedAt,
                r.Booking.RefundedAt,
                r.Booking.PaymentReference != null && r.Booking.RefundedAt == null
                    && (r.Booking.Status == BookingStatus.Cancelled || r.Booking.Status == BookingStatus.Refunded)))
            .ToListAsync(cancellationToken);
        return new Page<BookingRow>(items, page, pageSize, total);
    }

    /// <summary>
    /// Bookings of every performance with exactly this booking number or with the term in the buyer's email, newest
    /// first, at most <paramref name="limit"/>; the same bookings the per-performance list shows.
    /// </summary>
    public async Task<IReadOnlyList<BookingSearchHit>> SearchAllPerformancesAsync(string search, int limit, CancellationToken cancellationToken = default)
    {
        var term = search.Trim().ToUpperInvariant();
        if (term.Length == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var owingRefund = db.Bookings.Where(Booking.OwingRefund);
        return await (from b in db.Bookings
                      join m in db.Users on b.MemberId equals m.Id
                      join p in db.Performances on b.PerformanceId equals p.Id
                      where b.Status != BookingStatus.PendingPayment && (b.Status != BookingStatus.Cancelled || b.ConfirmedAt != null)
                          // Numbers are issued in upper case and Identity's normalized e-mail is upper case: no function on the column.
                          && (b.Number == term || m.NormalizedEmail!.Contains(term))
                      orderby b.CreatedAt descending, b.Number descending
                      select new BookingSearchHit(
                          b.Id,
                          b.Number,
                          b.PerformanceId,
                          p.Product!.Title,
                          p.Product.TitleKo,
                          p.StartsAt,
                          m.Email ?? string.Empty,
                          b.Status,
                          owingRefund.Any(o => o.Id == b.Id),
                          b.TotalAmount))
            .Take(Math.Clamp(limit, 1, MaxPageSize))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
    }

    /// <summary>What a member may see: confirmed bookings, cancelled ones that had been confirmed, and refunded ones.</summary>
    private static IQueryable<Booking> Visible(IQueryable<Booking> bookings) =>
        bookings.Where(b => b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.Refunded
            || (b.Status == BookingStatus.Cancelled && b.ConfirmedAt != null));

    private static async Task<Dictionary<Guid, BookingView>> DescribeAsync(AtTicketDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var heads = await (from b in db.Bookings
                           join p in db.Performances on b.PerformanceId equals p.Id
                           join m in db.Users on b.MemberId equals m.Id
                           where ids.Contains(b.Id)
                           select new
                           {
                               Booking = b,
                               p.ProductId,
                               ProductTitle = p.Product!.Title,
                               ProductTitleKo = p.Product.TitleKo,
                               p.StartsAt,
                               VenueName = p.Hall!.Venue!.Name,
                               VenueNameKo = p.Hall.Venue.NameKo,
                               HallName = p.Hall.Name,
                               HallNameKo = p.Hall.NameKo,
                               m.Email,
                           }).AsNoTracking().ToListAsync(cancellationToken);
        var tickets = await (from t in db.Tickets
                             join s in db.Seats on t.SeatId equals s.Id
                             where ids.Contains(t.BookingId)
                             select new { t.BookingId, Ticket = new BookingTicketView(s.Id, s.Section, s.Row, s.Number, t.GradeName, t.Price, t.Code, s.Kind, s.SectionKo) })
            .ToListAsync(cancellationToken);
        var byBooking = tickets.ToLookup(t => t.BookingId, t => t.Ticket);
        return heads.ToDictionary(
            h => h.Booking.Id,
            h => new BookingView(
                h.Booking.Id,
                h.Booking.Number,
                h.Booking.Status,
                h.Booking.PerformanceId,
                h.ProductId,
                h.ProductTitle,
                h.StartsAt,
                h.VenueName,
                h.HallName,
                h.Email ?? string.Empty,
                h.Booking.TotalAmount,
                h.Booking.CreatedAt,
                h.Booking.ConfirmedAt,
                h.Booking.CancelledAt,
                h.Booking.RefundedAt,
                [.. byBooking[h.Booking.Id].OrderBy(t => t.Section).ThenBy(t => t.Row).ThenBy(t => t.Number)],
                h.ProductTitleKo,
                h.VenueNameKo,
                h.HallNameKo));
    }
}

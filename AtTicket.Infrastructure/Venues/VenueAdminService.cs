using AtTicket.Infrastructure.Admin;

namespace AtTicket.Infrastructure.Venues;

/// <summary>Venues, halls and their seat maps. A seat that some performance has held or sold cannot be removed.</summary>
public sealed class VenueAdminService(IDbContextFactory<AtTicketDbContext> contexts, CatalogCacheInvalidator cache, ISeatChangeNotifier notifier)
{
    private static Refusal SeatOfOtherHall => new(RefusalCode.LayoutSeatOfOtherHall, "The layout names a seat of another hall.");

    private static Refusal LayoutIncomplete => new(RefusalCode.LayoutIncomplete, "A layout lists sections, each with rows, each with seats.");

    public Task<int> CreateVenueAsync(string name, string address, CancellationToken cancellationToken = default) =>
        CreateVenueAsync(name, address, nameKo: null, addressKo: null, cancellationToken);

    public async Task<int> CreateVenueAsync(string name, string address, string? nameKo, string? addressKo, CancellationToken cancellationToken = default)
    {
        var venue = new Venue(name, address);
        venue.SetKoreanText(nameKo ?? venue.NameKo, addressKo ?? venue.AddressKo);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Venues.Add(venue);
        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateCatalogAsync(cancellationToken);
        return venue.Id;
    }

    public Task<bool> UpdateVenueAsync(int id, string name, string address, CancellationToken cancellationToken = default) =>
        UpdateVenueAsync(id, name, address, nameKo: null, addressKo: null, cancellationToken);

    /// <summary>Also sets the Korean name and address: null keeps the stored one, an empty string clears it.</summary>
    public async Task<bool> UpdateVenueAsync(int id, string name, string address, string? nameKo, string? addressKo, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var venue = await db.Venues.SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (venue is null)
        {
            return false;
        }

        venue.Rename(name, address);
        venue.SetKoreanText(nameKo ?? venue.NameKo, addressKo ?? venue.AddressKo);
        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateCatalogAsync(cancellationToken);
        return true;
    }

    /// <returns>The new hall's id, or null when the venue does not exist.</returns>
    public async Task<int?> CreateHallAsync(int venueId, HallLayoutDocument layout, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var venue = await db.Venues.Include(v => v.Halls).SingleOrDefaultAsync(v => v.Id == venueId, cancellationToken);
        if (venue is null)
        {
            return null;
        }

        EnsureSize(layout);
        var hall = venue.AddHall(layout.Name);
        hall.SetKoreanName(layout.NameKo);
        foreach (var (section, row, seat) in Flatten(layout))
        {
            hall.AddSeat(section, row, seat.Number, seat.X, seat.Y, seat.Kind);
        }

        NameSectionsInKorean(hall, layout, before: static _ => string.Empty);
        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateCatalogAsync(cancellationToken);
        return hall.Id;
    }

    /// <summary>
    /// Makes the hall's seats exactly the layout's: seats with an id are moved or relabelled, seats
    /// without one are added, seats left out are removed, unless a performance has them held or sold.
    /// </summary>
    public async Task<ChangeResult> SaveHallAsync(int hallId, HallLayoutDocument layout, CancellationToken cancellationToken = default)
    {
        EnsureSize(layout);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hall = await db.Halls.Include(h => h.Seats).Include(h => h.Venue).ThenInclude(v => v!.Halls)
            .SingleOrDefaultAsync(h => h.Id == hallId, cancellationToken);
        if (hall is null)
        {
            return ChangeResult.NotFound;
        }

        var incoming = Flatten(layout).ToList();
        var koreanBefore = hall.Seats.Select(s => s.Section).Distinct(StringComparer.OrdinalIgnoreCase)
            .ToDictionary(section => section, hall.KoreanNameOfSection, StringComparer.OrdinalIgnoreCase);
        var keptIds = incoming.Where(s => s.Seat.Id is not null).Select(s => s.Seat.Id!.Value).ToHashSet();
        Guard.That(keptIds.All(id => hall.Seats.Any(s => s.Id == id)), SeatOfOtherHall, "id");
        var removed = hall.Seats.Where(s => !keptIds.Contains(s.Id)).ToList();
        var removedIds = removed.Select(s => s.Id).ToList();
        var locked = await db.PerformanceSeats
            .Where(p => removedIds.Contains(p.SeatId))
            .Where(PerformanceSeat.Claimed)
            .Select(p => p.SeatId)
            .Distinct()
            .ToListAsync(cancellationToken);
        if (locked.Count > 0)
        {
            return new ChangeResult(ChangeOutcome.SeatsLocked, locked);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        hall.Rename(layout.Name);
        hall.SetKoreanName(layout.NameKo);

        // Remove first (and their unsold performance rows), then relabel in place, then add:
        // this order never trips the unique (section, row, number) index on the way.
        var deletedInventory = await db.PerformanceSeats
            .Where(p => removedIds.Contains(p.SeatId))
            .Where(PerformanceSeat.Unclaimed)
            .ExecuteDeleteAsync(cancellationToken);
        foreach (var seat in removed)
        {
            hall.RemoveSeat(seat);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (section, row, doc) in incoming.Where(s => s.Seat.Id is not null))
        {
            var seat = hall.Seats.Single(s => s.Id == doc.Id);
            seat.Relabel($"~{seat.Id}", "~", seat.Number);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (section, row, doc) in incoming)
        {
            if (doc.Id is { } id)
            {
                var seat = hall.Seats.Single(s => s.Id == id);
                seat.Relabel(section, row, doc.Number);
                seat.MoveTo(doc.X, doc.Y);
                seat.ChangeKind(doc.Kind);
            }
            else
            {
                hall.AddSeat(section, row, doc.Number, doc.X, doc.Y, doc.Kind);
            }
        }

        NameSectionsInKorean(hall, layout, before: section => koreanBefore.GetValueOrDefault(section) ?? string.Empty);

        await db.SaveChangesAsync(cancellationToken);
        await AddInventoryForNewSeatsAsync(db, hallId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await cache.InvalidateCatalogAsync(cancellationToken);

        // Seats came or went: every node reads the hall's performances again.
        var performanceIds = await db.Performances.Where(p => p.HallId == hallId).Select(p => p.Id).ToListAsync(CancellationToken.None);
        foreach (var performanceId in performanceIds)
        {
            await notifier.SeatingChangedAsync(performanceId, CancellationToken.None);
        }

        return ChangeResult.Done;
    }

    /// <summary>
    /// Each section's Korean name as the layout gives it; a section that leaves it out keeps the one it had
    /// (<paramref name="before"/>), also for seats just added to it.
    /// </summary>
    private static void NameSectionsInKorean(Hall hall, HallLayoutDocument layout, Func<string, string> before)
    {
        foreach (var section in layout.Sections)
        {
            hall.NameSectionInKorean(section.Name, section.NameKo ?? before(section.Name.Trim()));
        }
    }

    /// <summary>New seats join every performance of the hall that has not started selling yet, without a grade.</summary>
    private static Task<int> AddInventoryForNewSeatsAsync(AtTicketDbContext db, int hallId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO PerformanceSeats (PerformanceId, SeatId, GradeId, Status)
            SELECT p.Id, s.Id, NULL, 'Available' FROM Performances p JOIN Seats s ON s.HallId = p.HallId
            WHERE p.HallId = {hallId} AND p.Status = 'Draft'
              AND NOT EXISTS (SELECT 1 FROM PerformanceSeats ps WHERE ps.PerformanceId = p.Id AND ps.SeatId = s.Id)
            """,
            cancellationToken);

    private static void EnsureSize(HallLayoutDocument layout)
    {
        // JSON can leave any list out; say so instead of failing on a null.
        Guard.That(
            layout.Sections is not null && layout.Sections.All(s => s?.Rows is not null && s.Rows.All(r => r?.Seats is not null && r.Seats.All(seat => seat is not null))),
            LayoutIncomplete,
            "sections");
        // Rules of the whole layout name its sections and the rows of each, where the seats are.
        string[] whole = ["sections", .. layout.Sections!.Select((_, s) => $"sections[{s}].rows")]; // not null: checked just above
        Hall.RequireSize(layout.SeatCount, whole);
        for (var s = 0; s < layout.Sections!.Count; s++)
        {
            try
            {
                Hall.CheckKoreanSectionName(layout.Sections![s].NameKo);
            }
            catch (DomainException e) when (e.Refusal is not null)
            {
                throw new DomainException(e.Refusal, $"sections[{s}].nameKo");
            }
        }

        var seats = FlattenWithPaths(layout).ToList();
        Hall.RequireDistinctSeats(seats.Select(s => (s.Section, s.Row, s.Seat.Number, s.Seat.Id)), position => seats[position].Path);
    }

    private static IEnumerable<(string Section, string Row, SeatDocument Seat)> Flatten(HallLayoutDocument layout) =>
        FlattenWithPaths(layout).Select(s => (s.Section, s.Row, s.Seat));

    /// <summary>Every seat with where the layout document holds it, e.g. <c>sections[1].rows[0].seats[2]</c>, so a broken rule can name it.</summary>
    private static IEnumerable<(string Section, string Row, SeatDocument Seat, string Path)> FlattenWithPaths(HallLayoutDocument layout) =>
        layout.Sections.SelectMany((section, s) => section.Rows.SelectMany((row, r) => row.Seats.Select((seat, k) => (section.Name, row.Label, seat, $"sections[{s}].rows[{r}].seats[{k}]"))));
}

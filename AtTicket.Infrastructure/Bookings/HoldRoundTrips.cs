using System.Data.Common;
using System.Text.Json;

namespace AtTicket.Infrastructure.Bookings;

/// <summary>
/// A hold of named seats, the flash sale's hot path. On MySQL one CALL of the `HoldSeats` procedure
/// (migrations SeatTransitionProcedures, HoldSeatsTakesSeatsFirst), which runs the rules below in its own
/// transaction and counts the member's holdings only when every seat was free. The answer's order on both:
/// not on sale, then a seat taken or unknown, then the limits. On SQLite
/// two round trips: (1) one batch that begins,
/// locks the member, counts what they hold, checks that the performance is on sale, takes the seats
/// with one conditional UPDATE, inserts the hold and reads back how every asked-for seat ended up;
/// (2) commit, or roll back when a seat was taken or a rule refused. The database still decides every
/// seat; the answer and the announcement are built from what the transaction saw.
/// </summary>
internal sealed class HoldRoundTrips(AtTicketDbContext db, BookingLimits limits)
{
    private readonly SeatSql _sql = new(db);

    /// <summary>The holdings, then the Domain's <c>Performance.BookableAt</c> in SQL: on sale, not started, product on sale.</summary>
    private static readonly string CountHoldings = $"""
        SELECT
        {HoldingsSql.Columns},
          (SELECT COUNT(*) FROM `Performances` p JOIN `Products` d ON d.`Id` = p.`ProductId`
              WHERE p.`Id` = @performance AND p.`Status` = 'OnSale' AND p.`StartsAt` > @now AND d.`Status` = 'OnSale');
        """;

    public Task<HoldResult> HoldAsync(SeatHold hold, DateTimeOffset now, CancellationToken cancellationToken) =>
        _sql.IsMySql ? CallAsync(hold, now, cancellationToken) : BatchAsync(hold, now, cancellationToken);

    private async Task<HoldResult> CallAsync(SeatHold hold, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // HoldSeats mirrors Domain rules in its SQL: Performance.BookableAt, PerformanceSeat.FreeAt and the
            // BookingLimits counts; HoldSeatsAgreesWithDomainTests hold the procedure to them.
            await using var call = Command(db.Database.GetDbConnection(), hold, now, """
                CALL `HoldSeats`(@hold, @member, @performance, @created, @until, @now, @seatIds, @seatIdsInKeyOrder,
                  @maxSeatsPerBooking, @maxSeatsPerPerformance, @maxActiveHolds);
                """);
            _sql.BindRaw(call, "@seatIdsInKeyOrder", JsonSerializer.Serialize(hold.SeatIds.Order())); // locks in key order
            _sql.BindRaw(call, "@maxSeatsPerBooking", limits.MaxSeatsPerBooking);
            _sql.BindRaw(call, "@maxSeatsPerPerformance", limits.MaxSeatsPerMemberPerPerformance);
            _sql.BindRaw(call, "@maxActiveHolds", limits.MaxActiveHoldsPerMember);

            var seats = new List<(SeatFact Fact, bool Mine)>();
            (string Outcome, int ActiveHolds, int SeatsOwned) answer = default;
            await using var reader = await call.ExecuteReaderAsync(cancellationToken);
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (reader.FieldCount == 6)
                    {
                        seats.Add((_sql.ReadFact(reader), Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture) == 1));
                    }
                    else
                    {
                        answer = (reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture));
                    }
                }
            }
            while (await reader.NextResultAsync(cancellationToken));

            return answer.Outcome switch
            {
                "Held" => HoldResult.Held(hold, [.. seats.Where(s => s.Mine).Select(s => s.Fact)]),
                "NotOnSale" => HoldResult.NotOnSale(),
                "Refused" => Refuse(hold, answer.SeatsOwned, answer.ActiveHolds),
                _ => Explain(hold, seats),
            };
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The procedure applied the limits to the counts; the Domain says why they refuse.</summary>
    private HoldResult Refuse(SeatHold hold, int seatsOwned, int activeHolds)
    {
        limits.EnsureAllowed(hold.SeatIds.Count, seatsOwned, activeHolds);
        throw new InvalidOperationException("HoldSeats refused a hold that the booking limits allow; the procedure and BookingLimits disagree.");
    }

    private async Task<HoldResult> BatchAsync(SeatHold hold, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seatList = string.Join(",", hold.SeatIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var open = true; // from the first statement on: a failure anywhere rolls back
        try
        {
            // 1. One batch: the member's row lock comes before any plain read (on MySQL the first plain
            // read fixes the snapshot the counts see, and a parallel hold of the same member must be in
            // it), then the counts, then the seats taken, the hold stored and every asked-for seat read
            // back. The counts are of what was there before this hold; when they refuse, the whole
            // transaction rolls back below, so a refused hold takes nothing. (The INSERT names the
            // performance through a SELECT so that an unknown one inserts nothing instead of failing
            // its foreign key: the on-sale count answers for it.)
            int activeHolds, seatsOwned, onSale;
            var seats = new List<(SeatFact Fact, bool Mine)>();
            await using (var batch = Command(connection, hold, now, $"""
                {(_sql.IsMySql ? "START TRANSACTION; SELECT `Id` FROM `AspNetUsers` WHERE `Id` = @member FOR UPDATE;" : "BEGIN IMMEDIATE;")}
                {CountHoldings}
                UPDATE `PerformanceSeats`{_sql.ByPrimaryKey} SET `Status` = 'Held', `HoldId` = @hold, `HeldUntil` = @until, `BookingId` = NULL, `Version` = `Version` + 1
                  WHERE `PerformanceId` = @performance AND `SeatId` IN ({seatList}) AND `GradeId` IS NOT NULL
                    AND {SeatSql.FreeSeat};
                INSERT INTO `SeatHolds` (`Id`, `CreatedAt`, `ExpiresAt`, `MemberId`, `PerformanceId`, `SeatIds`, `Status`)
                  SELECT @hold, @created, @until, @member, @performance, @seatIds, 'Active' FROM `Performances` WHERE `Id` = @performance;
                SELECT {SeatSql.FactColumns}, CASE WHEN `HoldId` = @hold THEN 1 ELSE 0 END
                  FROM `PerformanceSeats`{_sql.ByPrimaryKey} WHERE `PerformanceId` = @performance AND `SeatId` IN ({seatList});
                """))
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                await SeatSql.SkipToAsync(reader, 3, cancellationToken);
                await reader.ReadAsync(cancellationToken);
                (activeHolds, seatsOwned, onSale) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));

                await reader.NextResultAsync(cancellationToken);
                await SeatSql.SkipToAsync(reader, 6, cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    seats.Add((_sql.ReadFact(reader), reader.GetInt32(5) == 1));
                }
            }

            if (onSale == 0)
            {
                await SeatSql.EndAsync(connection, commit: false, cancellationToken);
                open = false;
                return HoldResult.NotOnSale();
            }

            // 2. All or nothing; a seat taken is the answer before the limits, as in HoldSeats.
            var mine = seats.Where(s => s.Mine).Select(s => s.Fact).ToList();
            if (mine.Count != hold.SeatIds.Count)
            {
                await SeatSql.EndAsync(connection, commit: false, cancellationToken);
                open = false;
                return Explain(hold, seats);
            }

            limits.EnsureAllowed(hold.SeatIds.Count, seatsOwned, activeHolds); // throws; finally rolls back
            await SeatSql.EndAsync(connection, commit: true, cancellationToken);
            open = false;
            return HoldResult.Held(hold, mine);
        }
        finally
        {
            if (open)
            {
                await SeatSql.RollBackQuietlyAsync(connection);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Seats the performance does not have (or has not graded) are the caller's mistake; the rest were taken.</summary>
    private static HoldResult Explain(SeatHold hold, List<(SeatFact Fact, bool Mine)> seats)
    {
        var known = seats.Where(s => s.Fact.GradeId is not null).Select(s => s.Fact.SeatId).ToHashSet();
        var unknown = hold.SeatIds.Where(id => !known.Contains(id)).ToList();
        return unknown.Count > 0
            ? HoldResult.NoSuchSeats(unknown)
            : HoldResult.Taken([.. seats.Where(s => !s.Mine).Select(s => s.Fact.SeatId).Order()]);
    }

    private DbCommand Command(DbConnection connection, SeatHold hold, DateTimeOffset now, string sql)
    {
        var command = _sql.Command(connection, sql);
        _sql.Bind<SeatHold>(command, "@hold", nameof(SeatHold.Id), hold.Id);
        _sql.Bind<SeatHold>(command, "@member", nameof(SeatHold.MemberId), hold.MemberId);
        _sql.Bind<SeatHold>(command, "@performance", nameof(SeatHold.PerformanceId), hold.PerformanceId);
        _sql.Bind<SeatHold>(command, "@created", nameof(SeatHold.CreatedAt), hold.CreatedAt);
        _sql.Bind<SeatHold>(command, "@until", nameof(SeatHold.ExpiresAt), hold.ExpiresAt);
        _sql.Bind<SeatHold>(command, "@now", nameof(SeatHold.ExpiresAt), now);
        _sql.BindRaw(command, "@seatIds", JsonSerializer.Serialize(hold.SeatIds));
        return command;
    }
}

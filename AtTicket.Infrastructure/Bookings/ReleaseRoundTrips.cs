using System.Text.Json;

namespace AtTicket.Infrastructure.Bookings;

/// <summary>
/// A member's release of their hold in one round trip. On MySQL one CALL of the `ReleaseHold` procedure
/// (migration SeatTransitionProcedures), which locks the hold while it is the member's and active and
/// does the rest below in its own transaction. On SQLite one batch: begin, lock the hold row (if it is the member's
/// and active), give back the seats it still holds, mark it released, read how every seat of the hold
/// ended up (for the answer and the announcement; the ids come from the hold row's JSON, so no round
/// trip is needed to learn them), commit. The seat UPDATE is conditioned on that same active hold of the
/// member, so a hold that is not theirs, or no longer active, changes nothing.
/// </summary>
internal sealed class ReleaseRoundTrips(AtTicketDbContext db)
{
    private const string TheMembersActiveHold =
        "EXISTS (SELECT 1 FROM `SeatHolds` h WHERE h.`Id` = @hold AND h.`MemberId` = @member AND h.`Status` = 'Active')";

    private readonly SeatSql _sql = new(db);

    public async Task<ReleasedHold?> ReleaseAsync(Guid holdId, string memberId, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var open = true;
        try
        {
            (int PerformanceId, int[] SeatIds)? found = null;
            var seats = new List<SeatFact>();
            await using (var release = _sql.Command(connection, _sql.IsMySql ? "CALL `ReleaseHold`(@hold, @member);" : $"""
                {_sql.Begin}
                SELECT `PerformanceId`, `SeatIds` FROM `SeatHolds` WHERE `Id` = @hold AND `MemberId` = @member AND `Status` = 'Active'{_sql.ForUpdate};
                UPDATE `PerformanceSeats` SET `Status` = 'Available', `HoldId` = NULL, `HeldUntil` = NULL, `Version` = `Version` + 1
                  WHERE `HoldId` = @hold AND `Status` = 'Held' AND {TheMembersActiveHold};
                UPDATE `SeatHolds` SET `Status` = 'Released' WHERE `Id` = @hold AND `MemberId` = @member AND `Status` = 'Active';
                SELECT {SeatSql.FactColumnsOf("s")} FROM `SeatHolds` h, {_sql.JsonNumbers("h.`SeatIds`")} j, `PerformanceSeats` s
                  WHERE h.`Id` = @hold AND h.`MemberId` = @member AND s.`PerformanceId` = h.`PerformanceId` AND s.`SeatId` = j.`value`;
                COMMIT;
                """))
            {
                _sql.Bind<SeatHold>(release, "@hold", nameof(SeatHold.Id), holdId);
                _sql.Bind<SeatHold>(release, "@member", nameof(SeatHold.MemberId), memberId);
                await using var reader = await release.ExecuteReaderAsync(cancellationToken);
                do
                {
                    // The hold (two columns), then its seats (five); through the COMMIT, so an error there surfaces here.
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        if (reader.FieldCount == 2)
                        {
                            found = (reader.GetInt32(0), JsonSerializer.Deserialize<int[]>(reader.GetString(1)) ?? []);
                        }
                        else
                        {
                            seats.Add(_sql.ReadFact(reader));
                        }
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));
            }

            open = false;
            return found is { } hold ? new ReleasedHold(hold.PerformanceId, hold.SeatIds, seats) : null;
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
}

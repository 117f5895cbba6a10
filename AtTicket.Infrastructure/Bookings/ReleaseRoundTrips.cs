using System.Globalization;
using System.Text.Json;
using AtTicket.Domain.Bookings;
using AtTicket.Domain.Live;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AtTicket.Infrastructure.Bookings;

/// <summary>
/// A member's release of their hold in two round trips: (1) begin and lock the hold row, if it is the
/// member's and active; (2) give back the seats it still holds, mark it released, read the seats as
/// they ended up (for the announcement), commit.
/// </summary>
internal sealed class ReleaseRoundTrips(AtTicketDbContext db)
{
    private readonly SeatSql _sql = new(db);

    public async Task<ReleasedHold?> ReleaseAsync(Guid holdId, string memberId, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var open = true;
        try
        {
            int performanceId;
            int[] seatIds;
            await using (var find = _sql.Command(connection, $"""
                {_sql.Begin}
                SELECT `PerformanceId`, `SeatIds` FROM `SeatHolds` WHERE `Id` = @hold AND `MemberId` = @member AND `Status` = 'Active'{_sql.ForUpdate};
                """))
            {
                Bind(find, holdId, memberId);
                await using var reader = await find.ExecuteReaderAsync(cancellationToken);
                await SeatSql.SkipToAsync(reader, 2, cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    await reader.DisposeAsync();
                    await SeatSql.EndAsync(connection, commit: false, cancellationToken);
                    open = false;
                    return null;
                }

                performanceId = reader.GetInt32(0);
                seatIds = JsonSerializer.Deserialize<int[]>(reader.GetString(1)) ?? [];
            }

            var seats = new List<SeatFact>(seatIds.Length);
            var seatList = string.Join(",", seatIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
            await using (var free = _sql.Command(connection, $"""
                UPDATE `PerformanceSeats` SET `Status` = 'Available', `HoldId` = NULL, `HeldUntil` = NULL, `Version` = `Version` + 1
                  WHERE `HoldId` = @hold AND `Status` = 'Held';
                UPDATE `SeatHolds` SET `Status` = 'Released' WHERE `Id` = @hold;
                SELECT {SeatSql.FactColumns} FROM `PerformanceSeats` WHERE `PerformanceId` = @performance AND `SeatId` IN ({(seatList.Length > 0 ? seatList : "NULL")});
                COMMIT;
                """))
            {
                Bind(free, holdId, memberId);
                _sql.Bind<SeatHold>(free, "@performance", nameof(SeatHold.PerformanceId), performanceId);
                await using var reader = await free.ExecuteReaderAsync(cancellationToken);
                await SeatSql.SkipToAsync(reader, 5, cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    seats.Add(_sql.ReadFact(reader));
                }

                while (await reader.NextResultAsync(cancellationToken))
                {
                    // Through the COMMIT: an error there surfaces here, not silently.
                }
            }

            open = false;
            return new ReleasedHold(performanceId, seatIds, seats);
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

    private void Bind(System.Data.Common.DbCommand command, Guid holdId, string memberId)
    {
        _sql.Bind<SeatHold>(command, "@hold", nameof(SeatHold.Id), holdId);
        _sql.Bind<SeatHold>(command, "@member", nameof(SeatHold.MemberId), memberId);
    }
}

using System.Data.Common;
using System.Text.Json;

namespace AtTicket.Infrastructure.Bookings;

/// <summary>
/// The sale of a paid checkout. On MySQL one CALL of the `SellHold` procedure (migration
/// SeatTransitionProcedures), which runs the rules below in its own transaction and answers with the
/// three counts. On SQLite two round trips: (1) begin; booking PendingPayment → Confirmed,
/// hold Active → Converted while unexpired, exactly the hold's seats Held → Sold while unexpired, each
/// followed by its count of rows; the confirmation's outbox row; the seats as they ended up;
/// (2) commit when every count is what it must be, roll back otherwise. Rows are taken in the hold
/// sweeper's order (hold, then seats) so the two cannot deadlock each other.
/// </summary>
internal sealed class SaleRoundTrips(AtTicketDbContext db)
{
    private readonly SeatSql _sql = new(db);

    public async Task<Sale> SellAsync(SeatHold hold, Booking booking, string paymentReference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seatList = string.Join(",", hold.SeatIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        var counted = _sql.IsMySql ? "SELECT ROW_COUNT();" : "SELECT changes();";
        var message = IntegrationEvents.Confirmed(booking, now);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var open = true; // from the first statement on: a failure anywhere rolls back
        try
        {
            var counts = new List<long>(3);
            var seats = new List<SeatFact>(hold.SeatIds.Count);
            await using (var sell = _sql.Command(connection, _sql.IsMySql ? """
                CALL `SellHold`(@booking, @reference, @now, @hold, @performance, @seatIdsInKeyOrder, @message, @type, @aggregate, @payload);
                """ : $"""
                {_sql.Begin}
                UPDATE `Bookings` SET `Status` = 'Confirmed', `PaymentReference` = @reference, `ConfirmedAt` = @now
                  WHERE `Id` = @booking AND `Status` = 'PendingPayment';
                {counted}
                UPDATE `SeatHolds` SET `Status` = 'Converted' WHERE `Id` = @hold AND `Status` = 'Active' AND `ExpiresAt` >= @now;
                {counted}
                UPDATE `PerformanceSeats` SET `Status` = 'Sold', `BookingId` = @booking, `HeldUntil` = NULL, `Version` = `Version` + 1
                  WHERE `PerformanceId` = @performance AND `SeatId` IN ({seatList}) AND `HoldId` = @hold AND `Status` = 'Held' AND `HeldUntil` >= @now;
                {counted}
                INSERT INTO `OutboxMessages` (`Id`, `Type`, `AggregateId`, `Payload`, `OccurredAt`, `Attempts`)
                  VALUES (@message, @type, @aggregate, @payload, @now, 0);
                SELECT {SeatSql.FactColumns} FROM `PerformanceSeats` WHERE `PerformanceId` = @performance AND `SeatId` IN ({seatList});
                """))
            {
                Bind(sell, hold, booking, paymentReference, now, message);
                if (_sql.IsMySql)
                {
                    _sql.BindRaw(sell, "@seatIdsInKeyOrder", JsonSerializer.Serialize(hold.SeatIds.Order())); // locks in key order
                }

                await using var reader = await sell.ExecuteReaderAsync(cancellationToken);
                do
                {
                    if (reader.FieldCount is 1 or 3 && await reader.ReadAsync(cancellationToken))
                    {
                        // One count per statement from the batch, the three at once from the procedure.
                        for (var i = 0; i < reader.FieldCount; i++)
                        {
                            counts.Add(Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture));
                        }
                    }
                    else if (reader.FieldCount == 5)
                    {
                        while (await reader.ReadAsync(cancellationToken))
                        {
                            seats.Add(_sql.ReadFact(reader));
                        }
                    }
                }
                while (await reader.NextResultAsync(cancellationToken));
            }

            var outcome = counts switch
            {
                [1, 1, var sold] when sold == hold.SeatIds.Count => SaleOutcome.Sold,
                [1, ..] => SaleOutcome.HoldLost,
                _ => SaleOutcome.NotPending,
            };
            if (!_sql.IsMySql) // the procedure has ended its transaction itself
            {
                await SeatSql.EndAsync(connection, commit: outcome == SaleOutcome.Sold, cancellationToken);
            }

            open = false;
            if (outcome != SaleOutcome.Sold)
            {
                return new Sale(outcome, []);
            }

            booking.Confirm(paymentReference, now);
            return new Sale(outcome, seats);
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

    private void Bind(DbCommand command, SeatHold hold, Booking booking, string paymentReference, DateTimeOffset now, OutboxMessage message)
    {
        _sql.Bind<Booking>(command, "@booking", nameof(Booking.Id), booking.Id);
        _sql.Bind<Booking>(command, "@reference", nameof(Booking.PaymentReference), paymentReference);
        _sql.Bind<SeatHold>(command, "@now", nameof(SeatHold.ExpiresAt), now);
        _sql.Bind<SeatHold>(command, "@hold", nameof(SeatHold.Id), hold.Id);
        _sql.Bind<SeatHold>(command, "@performance", nameof(SeatHold.PerformanceId), hold.PerformanceId);
        _sql.Bind<OutboxMessage>(command, "@message", nameof(OutboxMessage.Id), message.Id);
        _sql.Bind<OutboxMessage>(command, "@type", nameof(OutboxMessage.Type), message.Type);
        _sql.Bind<OutboxMessage>(command, "@aggregate", nameof(OutboxMessage.AggregateId), message.AggregateId);
        _sql.Bind<OutboxMessage>(command, "@payload", nameof(OutboxMessage.Payload), message.Payload);
    }
}

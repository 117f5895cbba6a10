using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AtTicket.Infrastructure.Persistence.Migrations.MySql
{
    /// <summary>
    /// The hold, the release and the sale as one stored procedure each (issue 9, fourth pass): one CALL instead of
    /// a batch of seven statements, parsed once per connection. Each runs its own transaction with the
    /// rules of the batches it replaces (HoldRoundTrips, ReleaseRoundTrips, SaleRoundTrips, HoldingsSql), which SQLite
    /// still runs. Seat ids arrive in key order as a JSON array, joined through JSON_TABLE to the
    /// primary key (eq_ref), so rows are locked in key order as the IN list locked them.
    /// </summary>
    public partial class SeatTransitionProcedures : Migration
    {
        // SQL copies of Domain rules, held to them by HoldSeatsAgreesWithDomainTests: on_sale is
        // Performance.BookableAt, the seat UPDATE's condition is PerformanceSeat.FreeAt, the counts are
        // what BookingLimits weighs.
        internal const string HoldSeats = """
            CREATE PROCEDURE `HoldSeats`(
                IN hold_id CHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci,
                IN member_id VARCHAR(255),
                IN performance_id INT,
                IN created_at DATETIME(6),
                IN expires_at DATETIME(6),
                IN now_at DATETIME(6),
                IN hold_seat_ids LONGTEXT,
                IN seat_ids_in_key_order LONGTEXT,
                IN max_seats_per_booking INT,
                IN max_seats_per_performance INT,
                IN max_active_holds INT)
            MODIFIES SQL DATA
            BEGIN
                DECLARE member_found, active_holds, seats_owned, on_sale, requested INT;
                DECLARE outcome VARCHAR(16) DEFAULT 'Taken';
                DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;

                START TRANSACTION;
                -- The member's row lock before any plain read: the first plain read fixes the snapshot
                -- the counts see, and a parallel hold of the same member must be in it.
                SELECT COUNT(*) INTO member_found FROM `AspNetUsers` WHERE `Id` = member_id FOR UPDATE;
                SELECT
                  (SELECT COUNT(*) FROM `SeatHolds` h
                      WHERE h.`MemberId` = member_id AND h.`Status` = 'Active' AND h.`ExpiresAt` >= now_at),
                  (SELECT COUNT(*) FROM `SeatHolds` h JOIN `PerformanceSeats` s ON s.`HoldId` = h.`Id`
                      WHERE h.`MemberId` = member_id AND h.`Status` = 'Active' AND h.`ExpiresAt` >= now_at
                        AND s.`PerformanceId` = performance_id AND s.`Status` = 'Held' AND s.`HeldUntil` >= now_at)
                  + (SELECT COUNT(*) FROM `Bookings` b JOIN `PerformanceSeats` s ON s.`BookingId` = b.`Id`
                      WHERE b.`MemberId` = member_id AND b.`PerformanceId` = performance_id AND s.`Status` = 'Sold'),
                  (SELECT COUNT(*) FROM `Performances` p JOIN `Products` d ON d.`Id` = p.`ProductId`
                      WHERE p.`Id` = performance_id AND p.`Status` = 'OnSale' AND p.`StartsAt` > now_at AND d.`Status` = 'OnSale')
                INTO active_holds, seats_owned, on_sale;
                SET requested = JSON_LENGTH(seat_ids_in_key_order);

                IF on_sale = 0 THEN
                    SET outcome = 'NotOnSale';
                ELSEIF requested < 1 OR requested > max_seats_per_booking
                    OR seats_owned + requested > max_seats_per_performance OR active_holds >= max_active_holds THEN
                    SET outcome = 'Refused';
                ELSE
                    UPDATE JSON_TABLE(seat_ids_in_key_order, '$[*]' COLUMNS (`value` INT PATH '$')) j
                      JOIN `PerformanceSeats` s FORCE INDEX (PRIMARY) ON s.`PerformanceId` = performance_id AND s.`SeatId` = j.`value`
                      SET s.`Status` = 'Held', s.`HoldId` = hold_id, s.`HeldUntil` = expires_at, s.`BookingId` = NULL, s.`Version` = s.`Version` + 1
                      WHERE s.`GradeId` IS NOT NULL AND (s.`Status` = 'Available' OR (s.`Status` = 'Held' AND s.`HeldUntil` < now_at));
                    IF ROW_COUNT() = requested THEN
                        INSERT INTO `SeatHolds` (`Id`, `CreatedAt`, `ExpiresAt`, `MemberId`, `PerformanceId`, `SeatIds`, `Status`)
                          VALUES (hold_id, created_at, expires_at, member_id, performance_id, hold_seat_ids, 'Active');
                        SET outcome = 'Held';
                    END IF;

                    -- How every asked-for seat ended up, for the answer and the announcement.
                    SELECT s.`SeatId`, s.`GradeId`, s.`Status`, s.`HeldUntil`, s.`Version`, s.`HoldId` <=> hold_id
                      FROM JSON_TABLE(seat_ids_in_key_order, '$[*]' COLUMNS (`value` INT PATH '$')) j
                      JOIN `PerformanceSeats` s FORCE INDEX (PRIMARY) ON s.`PerformanceId` = performance_id AND s.`SeatId` = j.`value`;
                END IF;

                IF outcome = 'Held' THEN
                    COMMIT;
                ELSE
                    ROLLBACK;
                END IF;

                SELECT outcome, active_holds, seats_owned;
            END
            """;

        private const string ReleaseHold = """
            CREATE PROCEDURE `ReleaseHold`(
                IN hold_id CHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci,
                IN member_id VARCHAR(255))
            MODIFIES SQL DATA
            BEGIN
                DECLARE performance_id INT DEFAULT NULL;
                DECLARE seat_ids LONGTEXT;
                DECLARE CONTINUE HANDLER FOR NOT FOUND SET performance_id = NULL;
                DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;

                START TRANSACTION;
                -- Locked while it is the member's and active, so the seats given back are exactly its own.
                SELECT `PerformanceId`, `SeatIds` INTO performance_id, seat_ids
                  FROM `SeatHolds` WHERE `Id` = hold_id AND `MemberId` = member_id AND `Status` = 'Active' FOR UPDATE;
                IF performance_id IS NOT NULL THEN
                    UPDATE `PerformanceSeats` SET `Status` = 'Available', `HoldId` = NULL, `HeldUntil` = NULL, `Version` = `Version` + 1
                      WHERE `HoldId` = hold_id AND `Status` = 'Held';
                    UPDATE `SeatHolds` SET `Status` = 'Released' WHERE `Id` = hold_id;
                    SELECT performance_id, seat_ids;
                    SELECT s.`SeatId`, s.`GradeId`, s.`Status`, s.`HeldUntil`, s.`Version`
                      FROM JSON_TABLE(seat_ids, '$[*]' COLUMNS (`value` INT PATH '$')) j
                      JOIN `PerformanceSeats` s FORCE INDEX (PRIMARY) ON s.`PerformanceId` = performance_id AND s.`SeatId` = j.`value`;
                END IF;
                COMMIT;
            END
            """;

        private const string SellHold = """
            CREATE PROCEDURE `SellHold`(
                IN booking_id CHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci,
                IN payment_reference VARCHAR(64),
                IN now_at DATETIME(6),
                IN hold_id CHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci,
                IN performance_id INT,
                IN seat_ids_in_key_order LONGTEXT,
                IN message_id CHAR(36) CHARACTER SET ascii COLLATE ascii_general_ci,
                IN message_type VARCHAR(100),
                IN aggregate_id VARCHAR(64),
                IN payload LONGTEXT)
            MODIFIES SQL DATA
            BEGIN
                DECLARE confirmed, converted, sold INT;
                DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;

                -- Rows in the hold sweeper's order (hold, then seats), so the two cannot deadlock each other.
                START TRANSACTION;
                UPDATE `Bookings` SET `Status` = 'Confirmed', `PaymentReference` = payment_reference, `ConfirmedAt` = now_at
                  WHERE `Id` = booking_id AND `Status` = 'PendingPayment';
                SET confirmed = ROW_COUNT();
                UPDATE `SeatHolds` SET `Status` = 'Converted' WHERE `Id` = hold_id AND `Status` = 'Active' AND `ExpiresAt` >= now_at;
                SET converted = ROW_COUNT();
                UPDATE JSON_TABLE(seat_ids_in_key_order, '$[*]' COLUMNS (`value` INT PATH '$')) j
                  JOIN `PerformanceSeats` s FORCE INDEX (PRIMARY) ON s.`PerformanceId` = performance_id AND s.`SeatId` = j.`value`
                  SET s.`Status` = 'Sold', s.`BookingId` = booking_id, s.`HeldUntil` = NULL, s.`Version` = s.`Version` + 1
                  WHERE s.`HoldId` = hold_id AND s.`Status` = 'Held' AND s.`HeldUntil` >= now_at;
                SET sold = ROW_COUNT();

                IF confirmed = 1 AND converted = 1 AND sold = JSON_LENGTH(seat_ids_in_key_order) THEN
                    INSERT INTO `OutboxMessages` (`Id`, `Type`, `AggregateId`, `Payload`, `OccurredAt`, `Attempts`)
                      VALUES (message_id, message_type, aggregate_id, payload, now_at, 0);
                    SELECT s.`SeatId`, s.`GradeId`, s.`Status`, s.`HeldUntil`, s.`Version`
                      FROM JSON_TABLE(seat_ids_in_key_order, '$[*]' COLUMNS (`value` INT PATH '$')) j
                      JOIN `PerformanceSeats` s FORCE INDEX (PRIMARY) ON s.`PerformanceId` = performance_id AND s.`SeatId` = j.`value`;
                    COMMIT;
                ELSE
                    ROLLBACK;
                END IF;

                SELECT confirmed, converted, sold;
            END
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(HoldSeats);
            migrationBuilder.Sql(ReleaseHold);
            migrationBuilder.Sql(SellHold);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP PROCEDURE IF EXISTS `SellHold`;");
            migrationBuilder.Sql("DROP PROCEDURE IF EXISTS `ReleaseHold`;");
            migrationBuilder.Sql("DROP PROCEDURE IF EXISTS `HoldSeats`;");
        }
    }
}

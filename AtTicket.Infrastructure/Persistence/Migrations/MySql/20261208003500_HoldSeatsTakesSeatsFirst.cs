using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AtTicket.Infrastructure.Persistence.Migrations.MySql
{
    /// <summary>
    /// `HoldSeats` takes the seats before it counts what the member holds (issue 9). In a sell-out almost
    /// every hold finds a seat taken (S1b: 12,592 of 13,329), and such a hold needs no member lock and no
    /// counts, only the on-sale check that tells "taken" from "not on sale": the member's row lock and its
    /// three counting subqueries were about 40 % of a hold's time in MariaDB. A hold that got every seat
    /// then locks the member's row and counts, as before; its first plain read still comes after that lock
    /// (the seat UPDATE reads with locks and fixes no snapshot), so a parallel hold of the same member is in
    /// the counts. One answer changes: a member over a limit who asks for a seat that is taken hears that it
    /// is taken (before, that they were over the limit); both take nothing, and SQLite's batch answers in
    /// the same order.
    /// </summary>
    public partial class HoldSeatsTakesSeatsFirst : Migration
    {
        // The Domain's Performance.BookableAt, asked in the counts' statement when there are counts, alone when not.
        private const string OnSale = """
            SELECT COUNT(*) FROM `Performances` p JOIN `Products` d ON d.`Id` = p.`ProductId`
                WHERE p.`Id` = performance_id AND p.`Status` = 'OnSale' AND p.`StartsAt` > now_at AND d.`Status` = 'OnSale'
            """;

        private const string HoldSeats = $"""
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
                DECLARE member_found, active_holds, seats_owned, on_sale, requested INT DEFAULT 0;
                DECLARE outcome VARCHAR(16) DEFAULT 'Taken';
                DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;

                SET requested = JSON_LENGTH(seat_ids_in_key_order);
                START TRANSACTION;
                IF requested >= 1 AND requested <= max_seats_per_booking THEN
                    UPDATE JSON_TABLE(seat_ids_in_key_order, '$[*]' COLUMNS (`value` INT PATH '$')) j
                      JOIN `PerformanceSeats` s FORCE INDEX (PRIMARY) ON s.`PerformanceId` = performance_id AND s.`SeatId` = j.`value`
                      SET s.`Status` = 'Held', s.`HoldId` = hold_id, s.`HeldUntil` = expires_at, s.`BookingId` = NULL, s.`Version` = s.`Version` + 1
                      WHERE s.`GradeId` IS NOT NULL AND (s.`Status` = 'Available' OR (s.`Status` = 'Held' AND s.`HeldUntil` < now_at));
                    IF ROW_COUNT() = requested THEN
                        SET outcome = 'Counted';
                    END IF;
                ELSE
                    SET outcome = 'Counted';
                END IF;

                IF outcome = 'Counted' THEN
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
                      ({OnSale})
                    INTO active_holds, seats_owned, on_sale;
                ELSE
                    SET on_sale = ({OnSale});
                END IF;

                IF on_sale = 0 THEN
                    SET outcome = 'NotOnSale';
                ELSEIF outcome = 'Counted' THEN
                    IF requested < 1 OR requested > max_seats_per_booking
                        OR seats_owned + requested > max_seats_per_performance OR active_holds >= max_active_holds THEN
                        SET outcome = 'Refused';
                    ELSE
                        INSERT INTO `SeatHolds` (`Id`, `CreatedAt`, `ExpiresAt`, `MemberId`, `PerformanceId`, `SeatIds`, `Status`)
                          VALUES (hold_id, created_at, expires_at, member_id, performance_id, hold_seat_ids, 'Active');
                        SET outcome = 'Held';
                    END IF;
                END IF;

                IF outcome IN ('Held', 'Taken') THEN
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

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP PROCEDURE IF EXISTS `HoldSeats`;");
            migrationBuilder.Sql(HoldSeats);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP PROCEDURE IF EXISTS `HoldSeats`;");
            migrationBuilder.Sql(SeatTransitionProcedures.HoldSeats);
        }
    }
}

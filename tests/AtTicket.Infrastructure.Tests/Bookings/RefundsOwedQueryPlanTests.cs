using AtTicket.Domain.Bookings;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace AtTicket.Infrastructure.Tests.Bookings;

/// <summary>
/// The refunds-owed gauge counts <see cref="Booking.OwingRefund"/> every ten seconds on every node, so on
/// MariaDB that count must read an index range, not every booking ever sold. The plan is MariaDB's EXPLAIN of
/// the very SQL EF Core sends, over a table shaped like a season's sales (nearly all confirmed, a few owing).
/// </summary>
public sealed class RefundsOwedQueryPlanTests
{
    /// <summary>The index the count needs: the statuses first, then the refund's date, the reference last, so the count reads the index alone.</summary>
    public const string NeededIndex = "IX_Bookings_Status_RefundedAt_PaymentReference";

    private const int Sold = 20_000;
    private const int Owing = 12;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Counting_refunds_owed_on_the_migrated_schema_reads_a_range_of_the_status_and_refund_index()
    {
        await using var database = await SeasonAsync();

        var (owed, plan) = await CountExplainedAsync(database);

        var described = string.Join(", ", plan.Select(c => $"{c.Key}={c.Value ?? "NULL"}"));
        Assert.Equal(Owing, owed);
        Assert.True(NeededIndex == plan["key"], $"The count does not read {NeededIndex}: {described}");
        Assert.Contains(plan["type"], new[] { "range", "ref" });
        Assert.Contains("Using index", plan["Extra"], StringComparison.Ordinal); // the rows themselves are never read
        Assert.InRange(long.Parse(plan["rows"]!, System.Globalization.CultureInfo.InvariantCulture), 1, Sold / 10);
    }

    /// <summary>A MariaDB database of its own with a season's bookings: nearly all confirmed, some declined or refunded, <see cref="Owing"/> owing a refund.</summary>
    private static async Task<TestDatabase> SeasonAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.MySql);
        try
        {
            // Rows only this query reads: the performance and member they name need not exist.
            await ExecuteAsync(database, $"""
                SET FOREIGN_KEY_CHECKS = 0;
                INSERT INTO `Bookings` (`Id`, `Number`, `MemberId`, `PerformanceId`, `HoldId`, `Status`, `TotalAmount`, `PaymentReference`,
                                        `IdempotencyKey`, `CreatedAt`, `ConfirmedAt`, `CancelledAt`, `RefundedAt`)
                SELECT UUID(), CONCAT('PLAN', seq), CONCAT('member-', seq MOD 500), 1 + seq MOD 40, UUID(),
                       CASE WHEN seq <= {Owing} THEN 'Cancelled' WHEN seq MOD 50 = 0 THEN 'Refunded' WHEN seq MOD 20 = 0 THEN 'Cancelled' ELSE 'Confirmed' END,
                       50000, CASE WHEN seq > {Owing} AND seq MOD 20 = 0 AND seq MOD 50 <> 0 THEN NULL ELSE CONCAT('ch_', seq) END,
                       CONCAT('key-', seq), NOW(6), NOW(6), NULL,
                       CASE WHEN seq > {Owing} AND seq MOD 50 = 0 THEN NOW(6) ELSE NULL END
                FROM seq_1_to_{Sold};
                SET FOREIGN_KEY_CHECKS = 1;
                ANALYZE TABLE `Bookings`;
                """);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Counts as the gauge does (the same expression, through EF Core) and EXPLAINs that count: EF Core's SQL for
    /// the expression, its selected columns replaced by the COUNT(*) the gauge's query sends.
    /// </summary>
    private static async Task<(long Owed, IReadOnlyDictionary<string, string?> Plan)> CountExplainedAsync(TestDatabase database)
    {
        await using var db = await database.Services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Ct);
        var owing = db.Bookings.AsNoTracking().Where(Booking.OwingRefund);
        var owed = await owing.LongCountAsync(Ct);
        var select = owing.ToQueryString();
        var from = select.IndexOf("FROM `Bookings`", StringComparison.Ordinal);
        Assert.True(from > 0, $"Unexpected SQL for the count: {select}");
        var sql = "SELECT COUNT(*)\n" + select[from..];

        await using var connection = new MySqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var explain = new MySqlCommand("EXPLAIN " + sql, connection);
        await using var reader = await explain.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), "EXPLAIN gave no row.");
        var plan = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(await reader.ReadAsync(Ct), "The count reads more than one table.");
        TestContext.Current.TestOutputHelper?.WriteLine($"{sql}\nEXPLAIN: {string.Join(", ", plan.Select(c => $"{c.Key}={c.Value ?? "NULL"}"))}");
        return (owed, plan);
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var connection = new MySqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using StackExchange.Redis;

namespace AtTicket.LoadBench.Floor;

/// <summary>
/// <c>AtTicket.LoadBench floor-node --urls … --database … --redis …</c>: the least any implementation of a hold
/// can do here, as a web node of its own, for F1. A hold is one conditional UPDATE of the asked-for seats
/// in a transaction (all or nothing, decided by the database), a release one UPDATE, and each change is
/// sequenced and published by one Redis script. Nothing else: no sign-in, no limits, no hold row, no
/// answer read back. It serves the app's own paths, so S1's clients run against it unchanged.
/// The seats are a copy of the churned performance's in <see cref="Schema"/>, never the app's.
/// </summary>
public static class FloorNode
{
    public const string Schema = "atticket_floor";

    private const string FreeSeat = "(`Status` = 'Available' OR (`Status` = 'Held' AND `HeldUntil` < @now))";

    private const string SequenceAndPublish =
        "local n = redis.call('INCR', KEYS[1]) redis.call('PUBLISH', KEYS[2], n .. ':' .. ARGV[1]) return n";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Error); // a failed call's cause, in the bench's floor log
        builder.WebHost.UseUrls(Arg(args, "--urls"));
        var app = builder.Build();

        var database = new MySqlConnectionStringBuilder(Arg(args, "--database")) { Database = Schema, AllowUserVariables = true }.ConnectionString;
        using var redis = await ConnectionMultiplexer.ConnectAsync(Arg(args, "--redis"));
        var store = redis.GetDatabase();

        app.MapGet("/health/ready", () => "ok");
        app.MapPost("/api/performances/{performanceId:int}/holds", async (int performanceId, HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            int[] seatIds = [.. body.GetProperty("seatIds").EnumerateArray().Select(s => s.GetInt32()).Order()];
            var holdId = Guid.NewGuid();
            var held = await RetriedAsync(() => HoldAsync(database, performanceId, seatIds, holdId));
            if (!held)
            {
                return Results.Problem(statusCode: 409, title: "Seats taken");
            }

            await PublishAsync(store, performanceId, $"held:{string.Join(',', seatIds)}");
            return Results.Json(new { id = holdId, total = 0 }, statusCode: 201);
        });
        app.MapDelete("/api/holds/{holdId:guid}", async (Guid holdId) =>
        {
            var performanceId = await RetriedAsync(() => ReleaseAsync(database, holdId));
            if (performanceId is null)
            {
                return Results.NotFound();
            }

            await PublishAsync(store, performanceId.Value, $"available:{holdId}");
            return Results.NoContent();
        });

        await app.RunAsync();
        return 0;
    }

    /// <summary>Two round trips: the transaction's start and its UPDATE in one packet, then COMMIT or ROLLBACK.</summary>
    private static async Task<bool> HoldAsync(string database, int performanceId, int[] seatIds, Guid holdId)
    {
        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        var now = DateTime.UtcNow;
        await using var update = new MySqlCommand(
            $"""
            START TRANSACTION;
            UPDATE `PerformanceSeats` FORCE INDEX (PRIMARY)
              SET `Status` = 'Held', `HoldId` = @hold, `HeldUntil` = @until, `BookingId` = NULL, `Version` = `Version` + 1
              WHERE `PerformanceId` = @performance AND `SeatId` IN ({string.Join(',', seatIds)})
                AND `GradeId` IS NOT NULL AND {FreeSeat};
            """,
            connection);
        update.Parameters.AddWithValue("@hold", holdId.ToString());
        update.Parameters.AddWithValue("@until", now.AddMinutes(1));
        update.Parameters.AddWithValue("@performance", performanceId);
        update.Parameters.AddWithValue("@now", now);
        var held = await update.ExecuteNonQueryAsync() == seatIds.Length;
        await using var end = new MySqlCommand(held ? "COMMIT;" : "ROLLBACK;", connection);
        await end.ExecuteNonQueryAsync();
        return held;
    }

    /// <summary>One autocommit UPDATE; the performance comes back in the same round trip.</summary>
    private static async Task<int?> ReleaseAsync(string database, Guid holdId)
    {
        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        await using var release = new MySqlCommand(
            """
            UPDATE `PerformanceSeats` SET `Status` = 'Available', `HoldId` = NULL, `HeldUntil` = NULL, `Version` = `Version` + 1
              WHERE `HoldId` = @hold AND `Status` = 'Held' AND (@released := `PerformanceId`) IS NOT NULL;
            SELECT IF(ROW_COUNT() > 0, @released, NULL);
            """,
            connection);
        release.Parameters.AddWithValue("@hold", holdId.ToString());
        return await release.ExecuteScalarAsync() is { } performanceId and not DBNull ? Convert.ToInt32(performanceId, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A release (by the hold id's index) and a hold (by the primary key) can deadlock; InnoDB rolls one back, which goes again, as the app's does.</summary>
    private static async Task<T> RetriedAsync<T>(Func<Task<T>> transition)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await transition();
            }
            catch (MySqlException lost) when (attempt < 5 && lost.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout)
            {
            }
        }
    }

    private static Task PublishAsync(IDatabase store, int performanceId, string change) =>
        store.ScriptEvaluateAsync(
            SequenceAndPublish,
            [$"floor:seq:{performanceId}", $"floor:changes:{performanceId}"],
            [change]);

    private static string Arg(IReadOnlyList<string> args, string name)
    {
        var at = args.ToList().IndexOf(name);
        return at >= 0 && at + 1 < args.Count ? args[at + 1] : throw new ArgumentException($"floor-node needs {name}.");
    }
}

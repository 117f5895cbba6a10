using AtTicket.Domain.Bookings.Payments;
using MySqlConnector;

namespace AtTicket.Infrastructure.Payments;

/// <summary>
/// The simulated processor's books in a table of its own in the MySQL/MariaDB database, for a scale-out.
/// A real processor is a service outside the nodes: what it charged survives a node killed mid-checkout,
/// and every node's reconciler asks the same books. The database is the one store here that every node
/// shares and that keeps what it was told (Redis runs without persistence and may come back empty).
/// The table belongs to the processor, not to the app: it is created with plain SQL by <see cref="PrepareAsync"/>
/// (the start-up runs it beside the migrations, under their lock), outside the app's EF model and migrations,
/// and no query of the app joins it.
/// </summary>
public sealed class MySqlPaymentLedger(string connectionString) : IPaymentLedger
{
    public const string Table = "SimulatedProcessorPayments";

    private const string Columns = "IdempotencyKey, Fingerprint, Outcome, Reference, Message, Amount, CardLastFour, AnsweredAt";

    private static readonly string CreateSql =
        $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            IdempotencyKey VARCHAR({PaymentRequest.MaxIdempotencyKeyLength}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
            Fingerprint VARCHAR(100) NOT NULL,
            Outcome VARCHAR(32) NOT NULL,
            Reference VARCHAR(64) NULL,
            Message VARCHAR(500) NOT NULL,
            Amount BIGINT NOT NULL,
            CardLastFour VARCHAR(4) NOT NULL,
            AnsweredAt DATETIME(6) NOT NULL,
            RefundedAmount BIGINT NULL,
            RefundedAt DATETIME(6) NULL,
            PRIMARY KEY (IdempotencyKey),
            UNIQUE KEY UX_{Table}_Reference (Reference)
        ) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
        """;

    /// <summary>Creates the table unless it is there; every node's start-up may run it.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var create = Command(connection, CreateSql);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<LedgerAttempt> RecordAsync(LedgerAttempt attempt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var insert = Command(
            connection,
            $"INSERT IGNORE INTO {Table} ({Columns}) VALUES (@key, @fingerprint, @outcome, @reference, @message, @amount, @lastFour, @answeredAt)");
        insert.Parameters.AddWithValue("@key", attempt.IdempotencyKey);
        insert.Parameters.AddWithValue("@fingerprint", attempt.Fingerprint);
        insert.Parameters.AddWithValue("@outcome", attempt.Result.Outcome.ToString());
        insert.Parameters.AddWithValue("@reference", attempt.Result.Reference);
        insert.Parameters.AddWithValue("@message", attempt.Result.Message);
        insert.Parameters.AddWithValue("@amount", attempt.Amount);
        insert.Parameters.AddWithValue("@lastFour", attempt.CardLastFour);
        insert.Parameters.AddWithValue("@answeredAt", attempt.AnsweredAt.UtcDateTime);

        // One row: this attempt is the key's first. None: the key was there already, and its first attempt answers.
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1
            ? attempt
            : await FindAsync(connection, attempt.IdempotencyKey, cancellationToken)
                ?? throw new InvalidOperationException($"The simulated processor kept no attempt under key {attempt.IdempotencyKey} (a reference taken twice?).");
    }

    public async Task<LedgerAttempt?> FindAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await FindAsync(connection, idempotencyKey, cancellationToken);
    }

    public async Task<bool> TryRecordRefundAsync(string reference, long amount, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var refund = Command(
            connection,
            $"UPDATE {Table} SET RefundedAmount = @amount, RefundedAt = @at " +
            "WHERE Reference = @reference AND Outcome = @approved AND RefundedAt IS NULL AND @amount > 0 AND @amount <= Amount");
        refund.Parameters.AddWithValue("@reference", reference);
        refund.Parameters.AddWithValue("@amount", amount);
        refund.Parameters.AddWithValue("@at", at.UtcDateTime);
        refund.Parameters.AddWithValue("@approved", nameof(PaymentOutcome.Approved));
        return await refund.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<LedgerCharge>> ChargesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var read = Command(connection, $"SELECT {Columns} FROM {Table} WHERE Outcome = @approved ORDER BY AnsweredAt, Reference");
        read.Parameters.AddWithValue("@approved", nameof(PaymentOutcome.Approved));
        var charges = new List<LedgerCharge>();
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            charges.Add(Attempt(reader).Charge!);
        }

        return charges;
    }

    public async Task<IReadOnlyList<LedgerRefund>> RefundsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var read = Command(connection, $"SELECT Reference, RefundedAmount, RefundedAt FROM {Table} WHERE RefundedAt IS NOT NULL ORDER BY RefundedAt, Reference");
        var refunds = new List<LedgerRefund>();
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            refunds.Add(new LedgerRefund(reader.GetString(0), reader.GetInt64(1), Utc(reader.GetDateTime(2))));
        }

        return refunds;
    }

    private static async Task<LedgerAttempt?> FindAsync(MySqlConnection connection, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var find = Command(connection, $"SELECT {Columns} FROM {Table} WHERE IdempotencyKey = @key");
        find.Parameters.AddWithValue("@key", idempotencyKey);
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Attempt(reader) : null;
    }

    private static LedgerAttempt Attempt(MySqlDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            new PaymentResult(Enum.Parse<PaymentOutcome>(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4)),
            reader.GetInt64(5),
            reader.GetString(6),
            Utc(reader.GetDateTime(7)));

    private static DateTimeOffset Utc(DateTime stored) => new(DateTime.SpecifyKind(stored, DateTimeKind.Utc));

    private static MySqlCommand Command(MySqlConnection connection, string sql) => new(sql, connection);

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AtTicket.Infrastructure.Bookings;

/// <summary>
/// What the hot paths' plain SQL shares: SQL that SQLite and MySQL read alike (backticks quote on
/// both), values bound and read through the model's own type mappings (so they are stored exactly as
/// EF Core stores them), seat facts read back, and transactions ended by hand.
/// </summary>
internal sealed class SeatSql(AtTicketDbContext db)
{
    /// <summary>
    /// The Domain's <c>PerformanceSeat.FreeAt</c> (available, or held past its expiry) for raw SQL on the
    /// hot path, the one copy of that rule in SQL text outside the MySQL procedures. Parameter: @now.
    /// </summary>
    public const string FreeSeat = "(`Status` = 'Available' OR (`Status` = 'Held' AND `HeldUntil` < @now))";

    /// <summary>The columns <see cref="ReadFact"/> reads, in its order.</summary>
    public const string FactColumns = "`SeatId`, `GradeId`, `Status`, `HeldUntil`, `Version`";

    /// <summary><see cref="FactColumns"/> of the seats table under <paramref name="alias"/>, for statements that join it.</summary>
    public static string FactColumnsOf(string alias) =>
        string.Join(", ", FactColumns.Split(", ").Select(column => $"{alias}.{column}"));

    /// <summary>
    /// A table source with a column `value` for each number in the JSON array <paramref name="json"/>, which may
    /// name a column of a table before it in the same FROM.
    /// </summary>
    public string JsonNumbers(string json) => IsMySql
        ? $"JSON_TABLE({json}, '$[*]' COLUMNS (`value` INT PATH '$'))"
        : $"json_each({json})";

    public bool IsMySql { get; } = db is MySqlAtTicketDbContext;

    /// <summary>Begins a transaction; on SQLite as the writer at once, so it never has to upgrade a read lock.</summary>
    public string Begin => IsMySql ? "START TRANSACTION;" : "BEGIN IMMEDIATE;";

    /// <summary>
    /// After `PerformanceSeats` in a statement that names one performance's seats by id: MySQL's optimizer
    /// otherwise picks the SeatId index, which reads (and an UPDATE locks) that seat of every performance
    /// in the hall, not only this one's (issue 9's profile). SQLite already uses the primary key.
    /// </summary>
    public string ByPrimaryKey => IsMySql ? " FORCE INDEX (PRIMARY)" : string.Empty;

    /// <summary>Locks the row the statement reads until the transaction ends (SQLite's writer lock already does).</summary>
    public string ForUpdate => IsMySql ? " FOR UPDATE" : string.Empty;

    public DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public void Bind<TEntity>(DbCommand command, string name, string propertyName, object value)
    {
        var mapping = Property<TEntity>(propertyName).GetRelationalTypeMapping();
        command.Parameters.Add(mapping.CreateParameter(command, name, value, nullable: false));
    }

    public void BindRaw(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public SeatFact ReadFact(DbDataReader reader)
    {
        var status = Enum.Parse<SeatStatus>(reader.GetString(2));
        DateTimeOffset? heldUntil = reader.IsDBNull(3) ? null : (DateTimeOffset)FromProvider<PerformanceSeat>(nameof(PerformanceSeat.HeldUntil), reader.GetValue(3))!;
        return new SeatFact(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), status, heldUntil, reader.GetInt64(4));
    }

    /// <summary>Moves past the results of statements that return none of their own (SELECT ... FOR UPDATE, UPDATE) to the one with <paramref name="fields"/> columns.</summary>
    public static async Task SkipToAsync(DbDataReader reader, int fields, CancellationToken cancellationToken)
    {
        while (reader.FieldCount != fields && await reader.NextResultAsync(cancellationToken))
        {
        }
    }

    public static async Task EndAsync(DbConnection connection, bool commit, CancellationToken cancellationToken)
    {
        await using var end = connection.CreateCommand();
        end.CommandText = commit ? "COMMIT;" : "ROLLBACK;";
        await end.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// After a failure the transaction may or may not have begun; SQLite refuses a rollback without one. A connection
    /// the server dropped is closed and has nothing to roll back: the original failure must surface, not the rollback's.
    /// </summary>
    public static async Task RollBackQuietlyAsync(DbConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await EndAsync(connection, commit: false, CancellationToken.None);
        }
        catch (DbException)
        {
        }
    }

    private object? FromProvider<TEntity>(string propertyName, object value)
    {
        var mapping = Property<TEntity>(propertyName).GetRelationalTypeMapping();
        return mapping.Converter is { } converter ? converter.ConvertFromProvider(value) : value is DateTime dateTime
            ? new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc))
            : value;
    }

    private IProperty Property<TEntity>(string name) => db.Model.FindEntityType(typeof(TEntity))!.FindProperty(name)!;
}

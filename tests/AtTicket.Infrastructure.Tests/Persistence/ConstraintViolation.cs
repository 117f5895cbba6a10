using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace AtTicket.Infrastructure.Tests.Persistence;

internal enum ConstraintViolation
{
    Unique,
    ForeignKey,
    Other,
}

internal static class ConstraintViolations
{
    public static void AssertIs(ConstraintViolation expected, DbUpdateException exception)
    {
        var actual = Of(exception);
        if (actual != expected)
        {
            var reported = exception.InnerException ?? exception;
            var code = reported switch
            {
                SqliteException sqlite => $" (SQLite extended code {sqlite.SqliteExtendedErrorCode})",
                MySqlException mySql => $" (MySQL error {(int)mySql.ErrorCode})",
                _ => string.Empty,
            };
            Assert.Fail($"Expected the database to report a {expected} violation, but it reported {actual}{code}: {reported.GetType().Name}: {reported.Message}");
        }
    }

    /// <summary>Which constraint the database reported, so a test fails if a save broke for another reason.</summary>
    public static ConstraintViolation Of(DbUpdateException exception) => exception.InnerException switch
    {
        MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry } => ConstraintViolation.Unique,
        MySqlException { ErrorCode: MySqlErrorCode.RowIsReferenced2 } => ConstraintViolation.ForeignKey,
        SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey } => ConstraintViolation.Unique,
        SqliteException { SqliteExtendedErrorCode: SqliteConstraintForeignKey } => ConstraintViolation.ForeignKey,

        // ON DELETE RESTRICT is enforced as an action, reported as a trigger constraint with the foreign-key text.
        SqliteException { SqliteExtendedErrorCode: SqliteConstraintTrigger } e when e.Message.Contains("FOREIGN KEY", StringComparison.Ordinal) => ConstraintViolation.ForeignKey,
        _ => ConstraintViolation.Other,
    };

    // SQLite extended result codes: https://www.sqlite.org/rescode.html
    private const int SqliteConstraintForeignKey = 787;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintTrigger = 1811;
}

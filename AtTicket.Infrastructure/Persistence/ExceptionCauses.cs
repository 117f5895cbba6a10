namespace AtTicket.Infrastructure.Persistence;

internal static class ExceptionCauses
{
    /// <summary>The exception and its inner exceptions, outermost first: EF Core and Pomelo wrap the driver's exception, the driver the socket's.</summary>
    public static IEnumerable<Exception> AndCauses(this Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            yield return cause;
        }
    }

    /// <summary>SQLite's "busy" or "locked": another connection has the file for a moment.</summary>
    public static bool IsSqliteBusy(this Exception exception) => exception is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 };
}

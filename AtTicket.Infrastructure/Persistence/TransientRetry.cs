namespace AtTicket.Infrastructure.Persistence;

/// <summary>
/// The one retry loop for work the database may refuse for a moment: a deadlock victim, a lock wait
/// that timed out, a busy or locked SQLite file. Each attempt gets a fresh context, so it starts
/// over with fresh rows; the last failure propagates.
/// </summary>
internal static class TransientRetry
{
    public const int Attempts = 5;

    /// <summary>
    /// A deadlock victim or a lock wait that timed out (rolled back, so safe to run again), a connection that
    /// could not be opened in time (nothing ran yet: a new session's handshake is slow on a busy machine), or a
    /// busy or locked SQLite file, anywhere in the chain of causes (EF and Pomelo wrap the driver's exception).
    /// </summary>
    public static bool IsTransient(Exception exception) =>
        IsContention(exception)
        || exception.AndCauses().Any(cause => cause is MySqlConnector.MySqlException { ErrorCode: MySqlConnector.MySqlErrorCode.UnableToConnectToHost });

    /// <summary>
    /// Lost to other writers: a deadlock victim, a lock wait that timed out, a busy SQLite file. Unlike a server
    /// that cannot be reached, this says the rows were contended, so a caller may answer it as a lost race.
    /// </summary>
    public static bool IsContention(Exception exception) =>
        exception.AndCauses().Any(cause =>
            cause is MySqlConnector.MySqlException { ErrorCode: MySqlConnector.MySqlErrorCode.LockDeadlock or MySqlConnector.MySqlErrorCode.LockWaitTimeout }
            || cause.IsSqliteBusy());

    /// <param name="retryAlso">Failures of the caller's own that also mean "go again" (a lost race).</param>
    public static async Task<T> RunAsync<T>(
        IDbContextFactory<AtTicketDbContext> contexts,
        Func<AtTicketDbContext, Task<T>> attempt,
        CancellationToken cancellationToken,
        Func<Exception, bool>? retryAlso = null)
    {
        for (var i = 1; ; i++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            try
            {
                return await attempt(db);
            }
            catch (Exception exception) when (i < Attempts && (IsTransient(exception) || retryAlso?.Invoke(exception) == true))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * i), cancellationToken);
            }
        }
    }

    /// <summary><see cref="RunAsync{T}"/> with each attempt in a transaction, committed when the attempt returns unless it ended the transaction itself.</summary>
    public static Task<T> InTransactionAsync<T>(
        IDbContextFactory<AtTicketDbContext> contexts,
        Func<AtTicketDbContext, Task<T>> attempt,
        CancellationToken cancellationToken,
        Func<Exception, bool>? retryAlso = null) =>
        RunAsync(
            contexts,
            async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var result = await attempt(db);
                if (db.Database.CurrentTransaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                return result;
            },
            cancellationToken,
            retryAlso);
}

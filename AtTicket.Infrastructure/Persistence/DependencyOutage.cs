namespace AtTicket.Infrastructure.Persistence;

/// <summary>
/// Tells a part that is away or swamped (the database or Redis cannot be reached, dropped the connection,
/// or did not answer a command in its timeout) from a fault of the request or of the code: the first is
/// answered 503 with Retry-After, the second stays a 500.
/// </summary>
public static class DependencyOutage
{
    /// <summary>What a caller may wait before trying again, in seconds.</summary>
    public const int RetryAfterSeconds = 5;

    private static readonly System.Reflection.Assembly DatabaseClient = typeof(MySqlConnector.MySqlConnection).Assembly;

    /// <summary>Searches the chain of causes (<see cref="ExceptionCauses.AndCauses"/>).</summary>
    public static bool Caused(Exception exception)
    {
        var fromDatabase = false;
        foreach (var cause in exception.AndCauses())
        {
            if (cause.IsSqliteBusy())
            {
                return true;
            }

            switch (cause)
            {
                case MySqlConnector.MySqlException { IsTransient: true }
                    or MySqlConnector.MySqlException { ErrorCode: MySqlConnector.MySqlErrorCode.UnableToConnectToHost }
                    or MySqlConnector.MySqlException { ErrorCode: MySqlConnector.MySqlErrorCode.CommandTimeoutExpired }
                    or StackExchange.Redis.RedisConnectionException
                    or StackExchange.Redis.RedisTimeoutException:
                    return true;
                case MySqlConnector.MySqlException:
                    fromDatabase = true;
                    break;
                case System.IO.IOException or System.Net.Sockets.SocketException when fromDatabase || CameThroughDatabaseClient(cause):
                    // The server went away in the middle of a command.
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// MySqlConnector lets a socket's error out unwrapped when the server drops the connection while it reads a reply
    /// (seen as a 500 from BeginTransaction while MariaDB was killed): the client's own frames on its stack tell it apart.
    /// </summary>
    private static bool CameThroughDatabaseClient(Exception exception) =>
        new System.Diagnostics.StackTrace(exception).GetFrames().Any(f => f.GetMethod()?.DeclaringType?.Assembly == DatabaseClient);
}

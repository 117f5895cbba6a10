namespace AtTicket.Infrastructure.Seeding;

/// <summary>
/// Several web nodes may start at once on one MySQL database; seeding checks then inserts, so only
/// one node may initialize at a time. A named lock is held on the given context's connection.
/// SQLite needs none: it is a one-node setup.
/// </summary>
internal sealed class StartupLock : IAsyncDisposable
{
    private const string Name = "atticket:initialize";

    /// <summary>What the server may take beyond the wait itself to answer GET_LOCK.</summary>
    private static readonly TimeSpan LockAnswerMargin = TimeSpan.FromSeconds(30);
    private readonly AtTicketDbContext? _db;

    private StartupLock(AtTicketDbContext? db) => _db = db;

    public static async Task<StartupLock> AcquireAsync(AtTicketDbContext db, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (!db.Database.IsMySql())
        {
            return new StartupLock(null);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var seconds = (int)wait.TotalSeconds;

        // GET_LOCK waits in the server; the client's command timeout (30 s) must not end the wait first. It did
        // while another node migrated and seeded on a loaded machine, and the node died at start-up (CI).
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(wait + LockAnswerMargin);
        long? acquired;
        try
        {
            acquired = await db.Database
                .SqlQuery<long?>($"SELECT GET_LOCK({Name}, {seconds}) AS Value")
                .SingleAsync(cancellationToken);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }

        if (acquired != 1)
        {
            throw new InvalidOperationException($"Another node kept the start-up lock for more than {seconds} s; is one stuck migrating?");
        }

        return new StartupLock(db);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.Database.SqlQuery<long?>($"SELECT RELEASE_LOCK({Name}) AS Value").SingleAsync();
            await _db.Database.CloseConnectionAsync();
        }
    }
}

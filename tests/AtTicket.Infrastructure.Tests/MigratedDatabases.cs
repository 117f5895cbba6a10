using AtTicket.Infrastructure.Persistence;

namespace AtTicket.Infrastructure.Tests;

/// <summary>
/// Class fixture: one database per provider, made on first use and dropped when the test class is
/// done. The tests of such a class write unrelated rows (unique names, fresh ids), or only read.
/// </summary>
public abstract class PerProviderDatabases : IAsyncDisposable
{
    private readonly Dictionary<DatabaseProvider, Task<TestDatabase>> _databases = [];
    private readonly Lock _lock = new();

    internal Task<TestDatabase> GetAsync(DatabaseProvider provider)
    {
        lock (_lock)
        {
            // A failed attempt (service missing: skip or fail) is not kept, so every test reports it.
            if (!_databases.TryGetValue(provider, out var database) || database.IsFaulted || database.IsCanceled)
            {
                database = CreateAsync(provider);
                _databases[provider] = database;
            }

            return database;
        }
    }

    private protected abstract Task<TestDatabase> CreateAsync(DatabaseProvider provider);

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases.Values)
        {
            if (database.IsCompletedSuccessfully)
            {
                await (await database).DisposeAsync();
            }
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The current schema and nothing in it.</summary>
public sealed class MigratedDatabases : PerProviderDatabases
{
    private protected override Task<TestDatabase> CreateAsync(DatabaseProvider provider) => TestDatabase.CreateMigratedAsync(provider);
}

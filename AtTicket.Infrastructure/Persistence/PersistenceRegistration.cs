using Microsoft.AspNetCore.DataProtection;

namespace AtTicket.Infrastructure.Persistence;

internal static class PersistenceRegistration
{
    public static void AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        services.AddSingleton(options);

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = string.IsNullOrWhiteSpace(connectionString) ? DatabaseOptions.DefaultSqliteConnectionString : connectionString;
                services.AddPooledDbContextFactory<SqliteAtTicketDbContext>(o => o.UseSqlite(sqlite));
                services.AddForwardingFactory<SqliteAtTicketDbContext>();
                break;
            case DatabaseProvider.MySql:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is MySql, so ConnectionStrings:Database must name the server.");
                }

                connectionString = WithoutResetOnCheckout(connectionString);
                // The version is detected when the first context is made, after StartupDependencies made sure the database exists.
                services.AddPooledDbContextFactory<MySqlAtTicketDbContext>(o => o.UseMySql(
                    connectionString, MySqlVersions.Resolve(options.ServerVersion, connectionString), mySql => mySql.TranslateParameterizedCollectionsToConstants()));
                services.AddForwardingFactory<MySqlAtTicketDbContext>();
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use Sqlite or MySql.");
        }

        // Pooled: a context is reset and reused, not built with its own service scope each time (issue 9's
        // second profile: building one was ~6 % of a node's samples on the hold path, and every request
        // builds several). Identity's stores want a scoped context; everything else asks the factory for
        // one per operation; either way disposing it returns it to the pool.
        services.AddScoped<AtTicketDbContext>(sp => sp.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContext());

        // The key ring that protects cookies, bearer tokens and mailed links lives with the data, so every node
        // shares it and it survives what the database survives (in Redis it went when Redis came back empty).
        services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<AtTicketDbContext>();
    }

    /// <summary>The purpose root of every protected payload: the same on every node, whatever its folder.</summary>
    public const string DataProtectionApplicationName = "AtTicket";

    /// <summary>
    /// By default MySqlConnector resets a pooled connection (COM_RESET_CONNECTION and SET NAMES) each
    /// time it is opened: a round trip of its own before every operation's first statement, a quarter
    /// of a node's samples during the flash sale (issue 9's profile). Nothing here leaves session
    /// state behind: transactions are always ended (the hot paths roll back in <c>finally</c>, EF's
    /// transactions on dispose), no session variable, temporary table or isolation level is set.
    /// A connection string that names <c>Connection Reset</c> keeps its own choice.
    /// </summary>
    private static string WithoutResetOnCheckout(string connectionString)
    {
        var builder = new MySqlConnector.MySqlConnectionStringBuilder(connectionString);
        if (!builder.ContainsKey("Connection Reset"))
        {
            builder.ConnectionReset = false;
        }

        return builder.ConnectionString;
    }

    private static void AddForwardingFactory<TContext>(this IServiceCollection services)
        where TContext : AtTicketDbContext
    {
        services.AddSingleton<IDbContextFactory<AtTicketDbContext>>(
            sp => new ForwardingDbContextFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
    }

    private sealed class ForwardingDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AtTicketDbContext>
        where TContext : AtTicketDbContext
    {
        public AtTicketDbContext CreateDbContext() => inner.CreateDbContext();
    }
}

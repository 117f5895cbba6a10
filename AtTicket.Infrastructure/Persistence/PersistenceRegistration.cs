using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
                services.AddDbContextFactory<SqliteAtTicketDbContext>(o => o.UseSqlite(sqlite));
                services.AddForwardingFactory<SqliteAtTicketDbContext>();
                break;
            case DatabaseProvider.MySql:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is MySql, so ConnectionStrings:Database must name the server.");
                }

                var version = MySqlVersions.Resolve(options.ServerVersion, connectionString);
                services.AddDbContextFactory<MySqlAtTicketDbContext>(o => o.UseMySql(connectionString, version, mySql => mySql.TranslateParameterizedCollectionsToConstants()));
                services.AddForwardingFactory<MySqlAtTicketDbContext>();
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use Sqlite or MySql.");
        }

        // Identity's stores want a scoped context; everything else asks the factory for one per operation.
        services.AddScoped<AtTicketDbContext>(sp => sp.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContext());
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

using Microsoft.EntityFrameworkCore.Design;

namespace AtTicket.Infrastructure.Persistence;

// Used only by `dotnet ef` so migrations can be made without a running app or database.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAtTicketDbContext>
{
    public SqliteAtTicketDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAtTicketDbContext>().UseSqlite(DatabaseOptions.DefaultSqliteConnectionString).Options);
}

internal sealed class MySqlDesignTimeFactory : IDesignTimeDbContextFactory<MySqlAtTicketDbContext>
{
    public MySqlAtTicketDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MySqlAtTicketDbContext>()
            .UseMySql("Server=localhost;Database=atticket", MySqlVersions.DesignTime)
            .Options);
}

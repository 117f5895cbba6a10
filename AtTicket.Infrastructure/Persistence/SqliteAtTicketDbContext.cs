using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AtTicket.Infrastructure.Persistence;

public sealed class SqliteAtTicketDbContext(DbContextOptions<SqliteAtTicketDbContext> options) : AtTicketDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no date type that compares in SQL; as a sortable integer, HeldUntil < @now works.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>Stores an instant as UTC ticks; it reads back as UTC.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

using AtTicket.Domain.Members;
using AtTicket.Domain.Queues;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Media;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AtTicket.Infrastructure.Persistence;

/// <summary>
/// The one model. Each provider has a small derived context only so that it can own its migrations
/// (the SQL differs between SQLite and MySQL); code everywhere else talks to this type. It also keeps the
/// data-protection key ring (<see cref="DataProtectionKeys"/>), so the keys live as long as the data they protect.
/// </summary>
public abstract class AtTicketDbContext(DbContextOptions options) : IdentityDbContext<Member>(options), IDataProtectionKeyContext
{
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Venue> Venues => Set<Venue>();
    public DbSet<Hall> Halls => Set<Hall>();
    public DbSet<Seat> Seats => Set<Seat>();
    public DbSet<Performance> Performances => Set<Performance>();
    public DbSet<SeatGrade> SeatGrades => Set<SeatGrade>();
    public DbSet<PerformanceSeat> PerformanceSeats => Set<PerformanceSeat>();
    public DbSet<SeatHold> SeatHolds => Set<SeatHold>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<MemberPreferences> MemberPreferences => Set<MemberPreferences>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<PosterImage> PosterImages => Set<PosterImage>();
    public DbSet<MailDelivery> MailDeliveries => Set<MailDelivery>();
    public DbSet<SpentRefreshToken> SpentRefreshTokens => Set<SpentRefreshToken>();
    public DbSet<WaitingLine> WaitingLines => Set<WaitingLine>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AtTicketDbContext).Assembly);
        KeepGuidKeysFromTheCode(builder);
    }

    /// <summary>
    /// A Guid key is chosen by the code that makes the row (holds, bookings, outbox messages, mail deliveries,
    /// posters), so that a retried request or message can name the row it made; EF never generates one.
    /// </summary>
    private static void KeepGuidKeysFromTheCode(ModelBuilder builder)
    {
        var guidKeys = builder.Model.GetEntityTypes()
            .SelectMany(e => e.FindPrimaryKey()?.Properties ?? [])
            .Where(p => p.ClrType == typeof(Guid));
        foreach (var key in guidKeys)
        {
            key.ValueGenerated = ValueGenerated.Never;
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the tables read well in any SQL client.
        configurationBuilder.Properties<ProductCategory>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ProductStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SeatKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<PerformanceStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SeatStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<HoldStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<BookingStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<MailDeliveryStatus>().HaveConversion<string>().HaveMaxLength(16);
    }
}

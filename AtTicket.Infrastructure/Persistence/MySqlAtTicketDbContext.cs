namespace AtTicket.Infrastructure.Persistence;

public sealed class MySqlAtTicketDbContext(DbContextOptions<MySqlAtTicketDbContext> options) : AtTicketDbContext(options);

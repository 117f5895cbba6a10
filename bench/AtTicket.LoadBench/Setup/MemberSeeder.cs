using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AtTicket.LoadBench.Setup;

/// <summary>
/// Inserts customers straight into the app's database through its own EF model: Identity rows and the
/// Customer role, no password (they never log in; the benchmark mints their bearer tokens). Thousands
/// take about a second, where the API would spend minutes on password hashes.
/// </summary>
public static class MemberSeeder
{
    public static async Task<IReadOnlyList<BenchMember>> InsertAsync(string connectionString, string emailPrefix, int count, CancellationToken cancellationToken = default)
    {
        await using var db = Open(connectionString);
        var normalizedRole = Roles.Customer.ToUpperInvariant();
        var customerRoleId = await db.Roles.Where(r => r.NormalizedName == normalizedRole).Select(r => r.Id).SingleAsync(cancellationToken);

        var members = Enumerable.Range(1, count)
            .Select(i => new BenchMember(Guid.NewGuid().ToString(), $"{emailPrefix}-{i:D4}@bench.atticket.test", $"Bench buyer {i}", Guid.NewGuid().ToString("N").ToUpperInvariant()))
            .ToList();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var member in members)
        {
            db.Users.Add(new Member
            {
                Id = member.Id,
                UserName = member.Email,
                NormalizedUserName = member.Email.ToUpperInvariant(),
                Email = member.Email,
                NormalizedEmail = member.Email.ToUpperInvariant(),
                EmailConfirmed = true,
                SecurityStamp = member.SecurityStamp,
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                DisplayName = member.DisplayName,
            });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = member.Id, RoleId = customerRoleId });
        }

        await db.SaveChangesAsync(cancellationToken);
        return members;
    }

    /// <summary>A context of the app's MySQL model on <paramref name="connectionString"/>, for seeding and audits.</summary>
    public static AtTicketDbContext Open(string connectionString) =>
        new MySqlAtTicketDbContext(new DbContextOptionsBuilder<MySqlAtTicketDbContext>()
            .UseMySql(connectionString, ServerVersion.AutoDetect(connectionString))
            .Options);
}

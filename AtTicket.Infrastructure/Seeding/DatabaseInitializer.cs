using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Payments;
using Microsoft.AspNetCore.Identity;

namespace AtTicket.Infrastructure.Seeding;

/// <summary>
/// Brings any database to the current schema (the simulated processor's books included), then adds roles, the
/// admin and (if asked) demo data.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<AtTicketDbContext> contexts,
    RoleManager<IdentityRole> roles,
    UserManager<Member> members,
    SeedOptions options,
    DemoDataSeeder demoData,
    IPaymentLedger paymentBooks,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var startupLock = await StartupLock.AcquireAsync(db, TimeSpan.FromMinutes(2), cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await paymentBooks.PrepareAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Readers never wait for the writer; the writer waits (not fails) while another one commits.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.AdminEmail) && !string.IsNullOrWhiteSpace(options.AdminPassword))
        {
            await EnsureMemberAsync(options.AdminEmail, "Administrator", options.AdminPassword, Roles.Admin);
        }

        if (options.DemoData)
        {
            foreach (var account in DemoAccounts.All)
            {
                await EnsureMemberAsync(account.Email, account.DisplayName, account.Password, account.Role);
            }

            await demoData.SeedAsync(cancellationToken);
        }
    }

    private async Task EnsureMemberAsync(string email, string displayName, string password, string role)
    {
        if (await members.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var member = new Member { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        Check(await members.CreateAsync(member, password), $"create member {email}");
        if (!await members.IsInRoleAsync(member, role))
        {
            Check(await members.AddToRoleAsync(member, role), $"add {email} to {role}");
        }

        logger.LogInformation("Seeded {Role} account {Email}", role, email);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}

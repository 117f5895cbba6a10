using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Infrastructure.Tests.Identity;

/// <summary>ASP.NET Core Identity on our context and rules: members, passwords, roles and lockout, stored for real.</summary>
public sealed class MemberStoreTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Password = "Lantern!2030";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_member_with_a_password_and_a_role_is_found_again_in_a_new_scope(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var email = $"minji-{Unique.Suffix()}@atticket.test";
        await using (var scope = database.NewScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            AssertSucceeded(await roles.CreateAsync(new IdentityRole(Roles.Admin)));
            var member = new Member { UserName = email, Email = email, DisplayName = "김민지" };
            AssertSucceeded(await members.CreateAsync(member, Password));
            AssertSucceeded(await members.AddToRoleAsync(member, Roles.Admin));
        }

        await using (var scope = database.NewScope())
        {
            var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            var found = await members.FindByEmailAsync(email.ToUpperInvariant());

            Assert.NotNull(found);
            Assert.Equal((email, email, "김민지"), (found.Email, found.UserName, found.DisplayName));
            Assert.True(await members.CheckPasswordAsync(found, Password));
            Assert.False(await members.CheckPasswordAsync(found, Password + "x"));
            Assert.True(await members.IsInRoleAsync(found, Roles.Admin));
            Assert.False(await members.IsInRoleAsync(found, Roles.Customer));
            Assert.Contains(found.Id, (await members.GetUsersInRoleAsync(Roles.Admin)).Select(m => m.Id));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task A_member_is_locked_out_after_the_maximum_failed_attempts(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var email = $"jun-{Unique.Suffix()}@atticket.test";
        DateTimeOffset lockedAt;
        await using (var scope = database.NewScope())
        {
            var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            var member = new Member { UserName = email, Email = email, DisplayName = "Park Jun" };
            AssertSucceeded(await members.CreateAsync(member, Password));
            for (var attempt = 1; attempt < IdentityRules.MaxFailedAccessAttempts; attempt++)
            {
                AssertSucceeded(await members.AccessFailedAsync(member));
                Assert.False(await members.IsLockedOutAsync(member), $"locked out after only {attempt} failed attempts");
            }

            lockedAt = DateTimeOffset.UtcNow;
            AssertSucceeded(await members.AccessFailedAsync(member));
        }

        await using (var scope = database.NewScope())
        {
            var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            var found = await members.FindByEmailAsync(email);

            Assert.NotNull(found);
            Assert.True(await members.IsLockedOutAsync(found));
            Assert.NotNull(found.LockoutEnd);
            Assert.InRange(found.LockoutEnd.Value, lockedAt + IdentityRules.LockoutDuration - TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow + IdentityRules.LockoutDuration);
            Assert.Equal(0, found.AccessFailedCount);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Two_members_cannot_register_the_same_email(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var email = $"twice-{Unique.Suffix()}@atticket.test";
        await using var scope = database.NewScope();
        var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        AssertSucceeded(await members.CreateAsync(new Member { UserName = email, Email = email }, Password));

        var again = await members.CreateAsync(new Member { UserName = "other-" + email, Email = email.ToUpperInvariant() }, Password);

        Assert.False(again.Succeeded);
        Assert.Contains(again.Errors, e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail));
    }

    private static void AssertSucceeded(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => $"{e.Code}: {e.Description}")));
}

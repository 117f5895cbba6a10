using System.Security.Claims;
using AtTicket.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AtTicket.LoadBench.Setup;

/// <summary>
/// Bearer tokens the nodes accept, made without a sign-in: the same data-protection key ring (the rows
/// of the app's database, under the app's name, as AtTicket.Infrastructure's PersistenceRegistration sets
/// it up) and the same bearer scheme (<see cref="IdentityConstants.BearerScheme"/>), so the protector
/// is the one the nodes unprotect with. The claims are the ones a sign-in puts in; <see cref="EnsureSameShape"/>
/// compares them with a token from a real sign-in, so a new claim in the app is noticed here.
/// </summary>
public sealed class TokenMinter : IDisposable
{
    private const string ApplicationName = "AtTicket";

    /// <summary>AtTicket.Web's ClaimNames.DisplayName: MemberClaimsPrincipalFactory adds the display name.</summary>
    private const string DisplayNameClaim = "atticket:display_name";

    /// <summary>SignInManager adds the authentication method of a password sign-in.</summary>
    private const string MethodClaim = "amr";

    private readonly ServiceProvider _services;
    private readonly BearerTokenOptions _options;
    private readonly ClaimsIdentityOptions _claimTypes = new();

    /// <param name="database">The nodes' MySQL/MariaDB connection string.</param>
    public TokenMinter(string database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<MySqlAtTicketDbContext>(o => o.UseMySql(database, ServerVersion.AutoDetect(database)));
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<MySqlAtTicketDbContext>();
        services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme);
        _services = services.BuildServiceProvider();
        _options = _services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
    }

    public string Mint(BenchMember member)
    {
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme, _claimTypes.UserNameClaimType, _claimTypes.RoleClaimType);
        identity.AddClaim(new Claim(_claimTypes.UserIdClaimType, member.Id));
        identity.AddClaim(new Claim(_claimTypes.UserNameClaimType, member.Email));
        identity.AddClaim(new Claim(_claimTypes.EmailClaimType, member.Email));
        identity.AddClaim(new Claim(_claimTypes.SecurityStampClaimType, member.SecurityStamp));
        identity.AddClaim(new Claim(_claimTypes.RoleClaimType, Roles.Customer));
        identity.AddClaim(new Claim(DisplayNameClaim, member.DisplayName));
        identity.AddClaim(new Claim(MethodClaim, "pwd"));
        var properties = new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow + _options.BearerTokenExpiration };

        // The scheme name the bearer handler gives its access tickets.
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), properties, $"{IdentityConstants.BearerScheme}:AccessToken");
        return _options.BearerTokenProtector.Protect(ticket);
    }

    /// <summary>
    /// Fails unless <paramref name="signedInToken"/> (from /api/auth/login) can be read with this key
    /// ring and carries the same kinds of claims as a minted token.
    /// </summary>
    public void EnsureSameShape(string signedInToken, BenchMember sample)
    {
        var real = _options.BearerTokenProtector.Unprotect(signedInToken)
            ?? throw new InvalidOperationException("A token from a real sign-in cannot be read with the key ring in the database: the benchmark's data-protection setup no longer matches the app's.");
        var minted = _options.BearerTokenProtector.Unprotect(Mint(sample))!;
        var realTypes = Shape(real);
        var mintedTypes = Shape(minted);
        if (realTypes != mintedTypes)
        {
            throw new InvalidOperationException($"A sign-in's token carries [{realTypes}], a minted one [{mintedTypes}]: update TokenMinter.Mint to match the app's sign-in.");
        }
    }

    public void Dispose() => _services.Dispose();

    private static string Shape(AuthenticationTicket ticket) =>
        $"{ticket.AuthenticationScheme} {ticket.Principal.Identity?.AuthenticationType}: " +
        string.Join(", ", ticket.Principal.Claims.Select(c => c.Type).Distinct().Order(StringComparer.Ordinal));
}

namespace AtTicket.Web.Components.Account.Sessions;

/// <summary>
/// How long a session lasts and how soon its end reaches every node, under "Sessions". A session ends when the
/// member's security stamp changes (logout, password change, a replayed refresh token); each node compares the
/// stamp a cookie, bearer token or live page carries with the database at most once per <see cref="StampCheckSeconds"/>.
/// </summary>
public sealed class SessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>0 checks on every request (tests); larger values trade a later end for fewer database reads.</summary>
    public int StampCheckSeconds { get; set; } = 60;

    public int AccessTokenMinutes { get; set; } = 60;

    public int RefreshTokenDays { get; set; } = 14;

    public TimeSpan StampCheck => TimeSpan.FromSeconds(StampCheckSeconds);

    public TimeSpan AccessTokenLifetime => TimeSpan.FromMinutes(AccessTokenMinutes);

    public TimeSpan RefreshTokenLifetime => TimeSpan.FromDays(RefreshTokenDays);
}

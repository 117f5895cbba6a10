namespace AtTicket.Infrastructure.Identity;

/// <summary>
/// A refresh token that was already exchanged for new tokens, known by the SHA-256 of its text (the token itself
/// is never stored). Kept until the token would have expired anyway.
/// </summary>
public sealed class SpentRefreshToken
{
    /// <summary>Hex of a SHA-256.</summary>
    public const int HashLength = 64;

    public required string Hash { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}

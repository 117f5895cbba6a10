namespace AtTicket.LoadBench.Setup;

/// <summary>A customer inserted for the benchmark: what a sign-in would put into the bearer token, and the token.</summary>
public sealed record BenchMember(string Id, string Email, string DisplayName, string SecurityStamp)
{
    public string AccessToken { get; init; } = string.Empty;
}

using AtTicket.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace AtTicket.Infrastructure.Tests.Identity;

/// <summary>
/// The restore link's token names the member and the previous address and lasts 7 days. Data Protection checks the
/// expiry on the real clock, so a token minted on a clock set back in time is one minted that long ago.
/// </summary>
public sealed class AddressChangeUndoTokensTests
{
    private static readonly AddressChangeUndoRequest Request = new("member-42", "owner@atticket.test");
    private readonly EphemeralDataProtectionProvider _keys = new();

    [Fact]
    public void A_token_reads_back_as_its_request_for_7_days_and_not_after()
    {
        Assert.Equal(Request, Tokens().Read(Tokens().Create(Request)));
        Assert.Equal(Request, Tokens().Read(TokensMintedAgo(TimeSpan.FromDays(6.9)).Create(Request)));
        Assert.Null(Tokens().Read(TokensMintedAgo(TimeSpan.FromDays(7.1)).Create(Request)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("expired")]
    public void A_missing_damaged_or_foreign_token_names_nobody(string? token)
    {
        Assert.Null(Tokens().Read(token));
        var foreign = new AddressChangeUndoTokens(new EphemeralDataProtectionProvider(), TimeProvider.System).Create(Request);
        Assert.Null(Tokens().Read(foreign));
    }

    private AddressChangeUndoTokens Tokens() => TokensMintedAgo(TimeSpan.Zero);

    private AddressChangeUndoTokens TokensMintedAgo(TimeSpan age) =>
        new(_keys, new FakeTimeProvider(DateTimeOffset.UtcNow - age));
}

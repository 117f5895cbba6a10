using AtTicket.Domain.Catalog;
using AtTicket.Infrastructure.Mail.Alerts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace AtTicket.Infrastructure.Tests.Mail.Alerts;

/// <summary>The unsubscribe token on a real Data Protection key ring (a temp folder of its own).</summary>
public sealed class UnsubscribeTokensTests : IDisposable
{
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("atticket-keys-");

    [Theory]
    [InlineData(ProductCategory.Concert)]
    [InlineData(ProductCategory.Movie)]
    [InlineData(null)]
    public void A_token_reads_back_as_the_member_and_category_it_was_made_for(ProductCategory? category)
    {
        var tokens = Tokens();
        var request = new UnsubscribeRequest(Guid.NewGuid().ToString(), category);

        Assert.Equal(request, tokens.Read(tokens.Create(request)));
    }

    [Fact]
    public void Another_node_sharing_the_key_ring_reads_the_token()
    {
        var request = new UnsubscribeRequest(Guid.NewGuid().ToString(), ProductCategory.Musical);

        Assert.Equal(request, Tokens().Read(Tokens().Create(request)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("Q29uY2VydHxtZW1iZXItMQ")] // "Concert|member-1" in base64url: readable, but not signed
    public void A_token_this_site_did_not_make_is_refused(string? token)
    {
        Assert.Null(Tokens().Read(token));
    }

    [Fact]
    public void A_token_changed_by_one_character_is_refused()
    {
        var tokens = Tokens();
        var token = tokens.Create(new UnsubscribeRequest(Guid.NewGuid().ToString(), ProductCategory.Concert));
        var bytes = WebEncoders.Base64UrlDecode(token);
        bytes[^5] ^= 0x01;

        Assert.Null(tokens.Read(WebEncoders.Base64UrlEncode(bytes)));
    }

    [Fact]
    public void A_token_signed_with_another_key_ring_is_refused()
    {
        var foreignKeys = Directory.CreateTempSubdirectory("atticket-foreign-keys-");
        try
        {
            var foreign = new UnsubscribeTokens(DataProtectionProvider.Create(foreignKeys));
            var token = foreign.Create(new UnsubscribeRequest(Guid.NewGuid().ToString(), ProductCategory.Concert));

            Assert.Null(Tokens().Read(token));
        }
        finally
        {
            foreignKeys.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_token_for_another_purpose_of_the_same_key_ring_is_refused()
    {
        // E.g. an Identity or antiforgery payload: same keys, other purpose string.
        var other = DataProtectionProvider.Create(_keys).CreateProtector("AtTicket.Something.Else").Protect("Concert|member-1");

        Assert.Null(Tokens().Read(other));
    }

    private UnsubscribeTokens Tokens() => new(DataProtectionProvider.Create(_keys));

    public void Dispose() => _keys.Delete(recursive: true);
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using AtTicket.Web.Hosting.Limits;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AtTicket.Web.Tests.Limits;

/// <summary>Client addresses become keyed hashes: stable per client, different per key, never the address.</summary>
public sealed class ClientAddressesTests
{
    private const string Key = "a configured key of at least thirty-two characters";

    [Fact]
    public void An_address_is_the_hmac_sha256_of_its_network_under_the_configured_key()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.ASCII.GetBytes("203.0.113.7"))[..16]);

        Assert.Equal(expected, Addresses(Key).KeyOf(IPAddress.Parse("203.0.113.7")));
        Assert.Equal(expected, Addresses(Key).KeyOf(IPAddress.Parse("::ffff:203.0.113.7")));
        Assert.DoesNotContain("203.0.113.7", Addresses(Key).KeyOf(IPAddress.Parse("203.0.113.7")), StringComparison.Ordinal);
    }

    [Fact]
    public void One_ipv6_client_network_gives_one_key_and_another_network_another()
    {
        var addresses = Addresses(Key);

        Assert.Equal(addresses.KeyOf(IPAddress.Parse("2001:db8:1:2::1")), addresses.KeyOf(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(addresses.KeyOf(IPAddress.Parse("2001:db8:1:2::1")), addresses.KeyOf(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void Without_a_configured_key_each_process_generates_its_own()
    {
        var address = IPAddress.Parse("198.51.100.20");

        Assert.NotEqual(Addresses(string.Empty).KeyOf(address), Addresses(string.Empty).KeyOf(address));
        Assert.Equal(Addresses(Key).KeyOf(address), Addresses(Key).KeyOf(address));
    }

    private static ClientAddresses Addresses(string key) =>
        new(Options.Create(new ClientAddressOptions { HashKey = key }), NullLogger<ClientAddresses>.Instance);
}

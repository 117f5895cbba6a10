using System.Net;
using System.Net.Sockets;
using AtTicket.Domain.Bookings;
using AtTicket.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Infrastructure.Tests.Bookings;

/// <summary>
/// A hold while MariaDB cannot be reached fails as an outage (the API's 503), not as "these seats were just
/// taken" (409): the buyer's seats are free, and telling them otherwise sends them away from seats they could have.
/// </summary>
public sealed class UnreachableDatabaseHoldTests
{
    [Fact]
    public async Task A_hold_the_database_cannot_be_reached_for_is_an_outage_not_taken_seats()
    {
        await using var node = TestDatabase.BuildServices(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.MySql),
            ["Database:ServerVersion"] = TestDatabase.MariaDbServerVersion,
            ["ConnectionStrings:Database"] = $"Server=127.0.0.1;Port={ClosedPort()};Database=atticket;User ID=root;Connection Timeout=2",
        });
        var inventory = node.GetRequiredService<ISeatInventory>();
        var now = DateTimeOffset.UtcNow;
        var hold = new HoldDraft(Guid.NewGuid(), "member", 1, now, now.AddMinutes(5)).WithSeats([1, 2]);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => inventory.HoldAsync(hold, now, TestContext.Current.CancellationToken));

        Assert.True(DependencyOutage.Caused(failure), $"Not counted as an outage: {failure}");
    }

    /// <summary>A port nothing listens on: one the system just handed out and took back.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

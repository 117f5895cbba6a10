using AtTicket.Domain.Bookings.Payments;
using AtTicket.Infrastructure.Payments;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Tests.Seeding;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Microsoft.Extensions.Options;

namespace AtTicket.Infrastructure.Tests.Payments;

/// <summary>
/// The simulated processor scaled out: two nodes' gateways on one MariaDB database keep one set of books, as
/// callers of a real processor would see it, and what a node charged stays charged when that node is gone.
/// </summary>
public sealed class SharedPaymentBooksTests : IAsyncLifetime
{
    private const long Amount = 198_000;
    private TestDatabase? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase Database => _database!;

    /// <summary>An empty database brought up as a node's start-up does it: migrations and the processor's table.</summary>
    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateEmptyAsync(DatabaseProvider.MySql);
        await SeededDatabases.InitializeAsync(_database);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>One node's gateway: books of its own object on the shared database, as another process would have.</summary>
    private SimulatedPaymentGateway Node(int latencyMilliseconds = 0) =>
        new(Options.Create(new PaymentOptions { SimulatedLatencyMilliseconds = latencyMilliseconds }), TimeProvider.System, new MySqlPaymentLedger(Database.ConnectionString));

    private static PaymentRequest Request(string key, long amount = Amount, string number = SimulatedPaymentGateway.ApprovedCard) =>
        new(amount, new CardDetails(number, "12/39", "123", "Kim Minji"), key);

    [Fact]
    public void On_MySQL_the_apps_gateway_keeps_its_books_in_the_database()
    {
        var gateway = Database.Services.GetRequiredService<SimulatedPaymentGateway>();

        Assert.IsType<MySqlPaymentLedger>(gateway.Books);
        Assert.Throws<InvalidOperationException>(() => gateway.Ledger);
    }

    [Fact]
    public async Task The_start_up_makes_the_processors_table_so_no_checkout_has_to()
    {
        await using var connection = new MySqlConnection(Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var tables = new MySqlCommand("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table", connection);
        tables.Parameters.AddWithValue("@table", MySqlPaymentLedger.Table);

        Assert.Equal(1L, Convert.ToInt64(await tables.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_charge_made_on_one_node_is_found_and_refunded_once_from_the_other()
    {
        var (a, b) = (Node(), Node());

        var paid = await a.AuthorizeAndCaptureAsync(Request("booking-1"), Ct);
        var found = await b.FindAsync("booking-1", Ct);
        var refundedOnB = await b.RefundAsync(paid.Reference!, Amount, Ct);
        var refundedAgainOnA = await a.RefundAsync(paid.Reference!, Amount, Ct);

        Assert.True(paid.IsApproved);
        Assert.Equal(paid, found);
        Assert.Null(await b.FindAsync("never-sent", Ct));
        Assert.True(refundedOnB);
        Assert.False(refundedAgainOnA);
        var charge = Assert.Single(await a.Books.ChargesAsync(Ct));
        Assert.Equal((paid.Reference, Amount, "booking-1", "4242"), (charge.Reference, charge.Amount, charge.IdempotencyKey, charge.CardLastFour));
        var refund = Assert.Single(await b.Books.RefundsAsync(Ct));
        Assert.Equal((paid.Reference, Amount), (refund.Reference, refund.Amount));
    }

    [Fact]
    public async Task One_key_sent_to_both_nodes_at_once_charges_once_and_every_caller_gets_the_same_answer()
    {
        var nodes = new[] { Node(latencyMilliseconds: 20), Node(latencyMilliseconds: 20) };

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => nodes[i % 2].AuthorizeAndCaptureAsync(Request("flash-sale"), Ct), Ct)));

        Assert.All(results, r => Assert.True(r.IsApproved));
        Assert.Single(results.Select(r => r.Reference).Distinct());
        Assert.Single(await nodes[0].Books.ChargesAsync(Ct));
    }

    [Fact]
    public async Task A_key_reused_on_the_other_node_for_another_amount_is_an_error_and_a_decline_replays_as_a_decline()
    {
        var (a, b) = (Node(), Node());
        var first = await a.AuthorizeAndCaptureAsync(Request("k"), Ct);
        var declined = await a.AuthorizeAndCaptureAsync(Request("d", number: SimulatedPaymentGateway.DeclinedCard), Ct);

        var otherAmount = await b.AuthorizeAndCaptureAsync(Request("k", amount: Amount + 1), Ct);
        var declinedAgain = await b.AuthorizeAndCaptureAsync(Request("d", number: SimulatedPaymentGateway.DeclinedCard), Ct);

        Assert.True(first.IsApproved);
        Assert.Equal((PaymentOutcome.KeyReused, null, SimulatedPaymentGateway.KeyReusedMessage), (otherAmount.Outcome, otherAmount.Reference, otherAmount.Message));
        Assert.Equal(declined, declinedAgain);
        Assert.Single(await b.Books.ChargesAsync(Ct));
    }

    [Fact]
    public async Task A_charge_whose_caller_is_gone_before_the_answer_stays_charged_for_the_other_node_to_find()
    {
        var dying = Node(latencyMilliseconds: 5_000);
        using var killed = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var payment = dying.AuthorizeAndCaptureAsync(Request("booking-killed"), killed.Token);
        await Within.UntilAsync(async () => (await Node().Books.FindAsync("booking-killed", Ct)) is not null, () => "The charge never reached the books.");
        await killed.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => payment);

        var found = await Node().FindAsync("booking-killed", Ct);

        Assert.True(found?.IsApproved, $"The other node found {found}.");
        Assert.Equal(found!.Reference, Assert.Single(await Node().Books.ChargesAsync(Ct)).Reference);
    }
}

using AtTicket.Infrastructure.Persistence;
using MySqlConnector;

namespace AtTicket.Infrastructure.Tests.Persistence;

/// <summary>Which database failures the API answers 503 (try again) instead of 500, on the real MariaDB.</summary>
public sealed class DependencyOutageTests
{
    [Fact]
    public async Task A_command_the_server_did_not_finish_within_its_timeout_is_an_outage()
    {
        var failure = await FailureOfAsync("SELECT SLEEP(5)", commandTimeoutSeconds: 1);

        Assert.Equal(MySqlErrorCode.CommandTimeoutExpired, failure.ErrorCode);
        Assert.True(DependencyOutage.Caused(failure));
    }

    [Fact]
    public async Task A_statement_the_server_refuses_is_not_an_outage()
    {
        var failure = await FailureOfAsync("SELECT * FROM `no_such_table_anywhere`", commandTimeoutSeconds: 30);

        Assert.False(DependencyOutage.Caused(failure));
    }

    [Fact]
    public async Task A_transaction_begun_on_a_connection_the_server_dropped_is_an_outage()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var dropped = new MySqlConnection(await TestServices.MySqlAsync());
        await dropped.OpenAsync(cancel);
        await using (var killer = new MySqlConnection(await TestServices.MySqlAsync()))
        {
            await killer.OpenAsync(cancel);
            await using var kill = new MySqlCommand($"KILL CONNECTION {dropped.ServerThread}", killer);
            await kill.ExecuteNonQueryAsync(cancel);
        }

        // What a checkout meets when MariaDB goes away between its statements.
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await dropped.BeginTransactionAsync(cancel));

        Assert.True(DependencyOutage.Caused(failure), $"Not counted as an outage: {failure}");
    }

    private static async Task<MySqlException> FailureOfAsync(string sql, int commandTimeoutSeconds)
    {
        await using var connection = new MySqlConnection(await TestServices.MySqlAsync());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = commandTimeoutSeconds };
        return await Assert.ThrowsAsync<MySqlException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
    }
}

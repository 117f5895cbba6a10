using System.Net;
using System.Net.Sockets;
using AtTicket.Infrastructure.Messaging;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Startup;
using AtTicket.Infrastructure.Tests.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace AtTicket.Infrastructure.Tests.Startup;

/// <summary>A node started before its services, or pointed at a server without its database (issue 14, item 1).</summary>
public sealed class StartupDependenciesTests
{
    [Fact]
    public async Task A_node_pointed_at_a_database_that_does_not_exist_creates_migrates_and_seeds_it()
    {
        var server = await TestServices.MySqlAsync();
        var name = $"atticket_test_{Guid.NewGuid():N}";
        // No Database:ServerVersion: Pomelo detects it, which also needs the database to exist first.
        var settings = MySqlSettings(new MySqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        try
        {
            await using var node = TestDatabase.BuildServices(settings);
            await Dependencies(node, new RecordingLogger<StartupDependencies>()).WaitAsync(TestContext.Current.CancellationToken);
            await SeededDatabases.InitializeAsync(node);

            await using var db = await node.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
            Assert.Equal(["Admin", "Customer"], (await db.Roles.Select(r => r.Name).ToListAsync(TestContext.Current.CancellationToken)).Order());
            Assert.Equal("utf8mb4", await ScalarAsync(server, $"SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{name}'"));
        }
        finally
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS `{name}`");
        }
    }

    [Fact]
    public async Task An_account_that_may_not_create_the_database_is_told_what_to_create()
    {
        var server = await TestServices.MySqlAsync();
        var user = $"nocreate_{Guid.NewGuid():N}"[..20];
        var name = $"atticket_test_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE USER '{user}'@'%' IDENTIFIED BY 'secret-{user}'");
        try
        {
            var connectionString = new MySqlConnectionStringBuilder(server) { UserID = user, Password = $"secret-{user}", Database = name }.ConnectionString;
            var logger = new RecordingLogger<StartupDependencies>();

            var failure = await Assert.ThrowsAsync<StartupFailedException>(() => WaitAsync(MySqlSettings(connectionString), logger, attempts: 5));

            Assert.Contains($"The database '{name}' does not exist and the account '{user}' may not create it", failure.Message);
            Assert.Contains($"CREATE DATABASE `{name}`", failure.Message);
            Assert.Empty(logger.Lines); // waiting cannot give the account a privilege: no retry
            Assert.Equal(0L, Convert.ToInt64(await ScalarAsync(server, $"SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{name}'")));
        }
        finally
        {
            await ExecuteAsync(server, $"DROP USER IF EXISTS '{user}'@'%'");
        }
    }

    [Fact]
    public async Task A_wrong_password_fails_at_once_naming_the_account()
    {
        var server = await TestServices.MySqlAsync();
        var connectionString = new MySqlConnectionStringBuilder(server) { Password = "not-the-password", Database = "atticket_never" }.ConnectionString;
        var logger = new RecordingLogger<StartupDependencies>();

        var failure = await Assert.ThrowsAsync<StartupFailedException>(() => WaitAsync(MySqlSettings(connectionString), logger, attempts: 5));

        Assert.Contains($"refused the account '{new MySqlConnectionStringBuilder(server).UserID}'", failure.Message);
        Assert.Empty(logger.Lines);
    }

    [Fact]
    public async Task A_database_server_that_does_not_answer_is_tried_as_often_as_configured_then_named()
    {
        var port = ClosedPort();
        var logger = new RecordingLogger<StartupDependencies>();

        var failure = await Assert.ThrowsAsync<StartupFailedException>(() =>
            WaitAsync(MySqlSettings($"Server=127.0.0.1;Port={port};User ID=atticket;Password=atticket;Database=atticket"), logger, attempts: 3));

        Assert.StartsWith($"The MySQL server at 127.0.0.1:{port} did not answer after 3 attempt(s)", failure.Message);
        Assert.Equal(
            [$"attempt 1 of 3", $"attempt 2 of 3"],
            logger.Lines.Select(line => line.Text).Select(text => text[(text.IndexOf("(attempt ", StringComparison.Ordinal) + 1)..].Split(')')[0]));
        Assert.All(logger.Lines, line => Assert.Equal(LogLevel.Warning, line.Level));
    }

    [Fact]
    public async Task Redis_that_does_not_answer_is_named_after_the_configured_attempts()
    {
        var port = ClosedPort();
        var logger = new RecordingLogger<StartupDependencies>();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = $"127.0.0.1:{port},connectTimeout=500" };

        var failure = await Assert.ThrowsAsync<StartupFailedException>(() => WaitAsync(settings, logger, attempts: 2));

        Assert.StartsWith($"Redis at 127.0.0.1:{port} did not answer after 2 attempt(s)", failure.Message);
        Assert.Single(logger.Lines);
    }

    [Fact]
    public async Task Kafka_that_does_not_answer_is_named_after_the_configured_attempts()
    {
        var port = ClosedPort();
        var logger = new RecordingLogger<StartupDependencies>();
        var settings = new Dictionary<string, string?> { [$"{KafkaOptions.Section}:BootstrapServers"] = $"127.0.0.1:{port}" };

        var failure = await Assert.ThrowsAsync<StartupFailedException>(() => WaitAsync(settings, logger, attempts: 2));

        Assert.StartsWith($"Kafka at 127.0.0.1:{port} did not answer after 2 attempt(s)", failure.Message);
        Assert.Single(logger.Lines);
    }

    [Fact]
    public async Task Services_that_answer_pass_at_the_first_attempt()
    {
        using var kafka = new Messaging.KafkaMockCluster();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = await TestServices.RedisAsync(),
            [$"{KafkaOptions.Section}:BootstrapServers"] = kafka.BootstrapServers,
        };
        var logger = new RecordingLogger<StartupDependencies>();

        await WaitAsync(settings, logger, attempts: 1);

        Assert.Empty(logger.Lines);
    }

    private static Dictionary<string, string?> MySqlSettings(string connectionString) => new()
    {
        ["Database:Provider"] = nameof(DatabaseProvider.MySql),
        ["ConnectionStrings:Database"] = connectionString,
    };

    private static async Task WaitAsync(Dictionary<string, string?> settings, RecordingLogger<StartupDependencies> logger, int attempts)
    {
        settings["Startup:Attempts"] = attempts.ToString();
        settings["Startup:SecondsBetweenAttempts"] = "0";
        await using var node = TestDatabase.BuildServices(settings);
        await Dependencies(node, logger).WaitAsync(TestContext.Current.CancellationToken);
    }

    private static StartupDependencies Dependencies(IServiceProvider node, ILogger<StartupDependencies> logger) =>
        new(node, node.GetRequiredService<StartupTargets>(), node.GetRequiredService<IOptions<StartupOptions>>(), logger);

    /// <summary>A loopback port nothing listens on: bound by the system, then let go.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string server, string sql)
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

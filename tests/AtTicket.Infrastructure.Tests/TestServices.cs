using MySqlConnector;
using StackExchange.Redis;

namespace AtTicket.Infrastructure.Tests;

/// <summary>
/// The real services the tests talk to, named by environment variables that scripts/test.sh sets.
/// Missing while ATTICKET_REQUIRE_SERVICES=1: the test fails (the script promised the service).
/// Missing otherwise: the test is skipped with the reason. Set but not answering: the test fails.
/// </summary>
internal static class TestServices
{
    public const string MySqlVariable = "ATTICKET_TEST_MYSQL";
    public const string RedisVariable = "ATTICKET_TEST_REDIS";
    public const string RequireVariable = "ATTICKET_REQUIRE_SERVICES";

    private static readonly Lazy<Task<string?>> MySqlProblem = new(ProbeMySqlAsync);
    private static readonly Lazy<Task<string?>> RedisProblem = new(ProbeRedisAsync);

    /// <summary>Server connection string without a database, e.g. "Server=127.0.0.1;Port=33306;User ID=atticket;Password=atticket".</summary>
    public static async Task<string> MySqlAsync()
    {
        var connectionString = Require(MySqlVariable, "MariaDB", "Server=127.0.0.1;Port=33306;User ID=atticket;Password=atticket");
        var problem = await MySqlProblem.Value;
        if (problem is not null)
        {
            Assert.Fail(problem);
        }

        return connectionString;
    }

    /// <summary>StackExchange.Redis configuration, e.g. "127.0.0.1:36379".</summary>
    public static async Task<string> RedisAsync()
    {
        var configuration = Require(RedisVariable, "Redis", "127.0.0.1:36379");
        var problem = await RedisProblem.Value;
        if (problem is not null)
        {
            Assert.Fail(problem);
        }

        return configuration;
    }

    private static string Require(string variable, string service, string example)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"scripts/test.sh promised {service} via {variable} but it is not set ({RequireVariable}=1).");
        }

        Assert.Skip($"{service} is not configured: set {variable} (e.g. \"{example}\"), or run scripts/test.sh, which starts it.");
        return value!; // not reached: Assert.Skip throws
    }

    private static async Task<string?> ProbeMySqlAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(MySqlVariable)!;
        try
        {
            var builder = new MySqlConnectionStringBuilder(connectionString) { ConnectionTimeout = 5, Pooling = false };
            await using var connection = new MySqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var command = new MySqlCommand("SELECT VERSION()", connection);
            await command.ExecuteScalarAsync();
            return null;
        }
        catch (Exception e)
        {
            return $"{MySqlVariable} is set to '{Redact(connectionString)}' but MariaDB does not answer there: {e.Message}";
        }
    }

    private static async Task<string?> ProbeRedisAsync()
    {
        var configuration = Environment.GetEnvironmentVariable(RedisVariable)!;
        try
        {
            var options = ConfigurationOptions.Parse(configuration);
            options.AbortOnConnectFail = true;
            options.ConnectTimeout = 5000;
            await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
            await redis.GetDatabase().PingAsync();
            return null;
        }
        catch (Exception e)
        {
            return $"{RedisVariable} is set to '{configuration}' but Redis does not answer there: {e.Message}";
        }
    }

    private static string Redact(string connectionString)
    {
        try
        {
            return new MySqlConnectionStringBuilder(connectionString) { Password = "***" }.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(not a valid connection string)";
        }
    }
}

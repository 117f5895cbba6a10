using System.Data.Common;
using System.Diagnostics;

namespace AtTicket.EndToEnd.Tests.Nodes;

/// <summary>
/// A uniquely named database on the test MariaDB (ATTICKET_TEST_MYSQL, as the infrastructure tests
/// use it), made and dropped with the mariadb command-line client that comes with the server
/// package: this project talks to the app over HTTP only and has no database driver of its own.
/// </summary>
internal sealed class TestMariaDb
{
    public const string ServerVariable = "ATTICKET_TEST_MYSQL";

    /// <summary>The MariaDB the test script starts; the nodes get a fixed version, as in production.</summary>
    public const string ServerVersion = "10.11.0-mariadb";

    private readonly string _client;
    private readonly string _host;
    private readonly string _port;
    private readonly string _user;
    private readonly string _password;

    private TestMariaDb(string client, string server, string name)
    {
        _client = client;
        Server = server;
        Name = name;
        var builder = new DbConnectionStringBuilder { ConnectionString = server };
        _host = Value(builder, "Server", "Host", "Data Source") ?? "127.0.0.1";
        _port = Value(builder, "Port") ?? "3306";
        _user = Value(builder, "User ID", "UserID", "User", "Uid", "Username") ?? "root";
        _password = Value(builder, "Password", "Pwd") ?? string.Empty;
        builder["Database"] = name;
        ConnectionString = builder.ConnectionString;
    }

    public string Server { get; }

    public string Name { get; }

    /// <summary>The server's connection string with this database.</summary>
    public string ConnectionString { get; }

    /// <summary>The mariadb (or mysql) client on PATH, or null.</summary>
    public static string? FindClient() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { Path.Combine(dir, "mariadb"), Path.Combine(dir, "mysql") })
            .FirstOrDefault(File.Exists);

    public static async Task<TestMariaDb> CreateAsync(string client, string server)
    {
        var database = new TestMariaDb(client, server, $"atticket_nodes_{Guid.NewGuid():N}");
        await database.ExecuteAsync($"CREATE DATABASE `{database.Name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return database;
    }

    public Task DropAsync() => ExecuteAsync($"DROP DATABASE IF EXISTS `{Name}`");

    public override string ToString() => $"MariaDB database {Name} on {_host}:{_port}";

    private async Task ExecuteAsync(string sql)
    {
        var start = new ProcessStartInfo(_client)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--protocol=TCP", "-h", _host, "-P", _port, "-u", _user, "--connect-timeout=5", "-e", sql })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MYSQL_PWD"] = _password; // not on the command line, where ps would show it
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_client}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{ServerVariable} names a MariaDB that did not run \"{sql}\" ({_client} exited with {process.ExitCode}): {await error}{await output}");
        }
    }

    private static string? Value(DbConnectionStringBuilder builder, params string[] keys) =>
        keys.Select(k => builder.TryGetValue(k, out var value) ? value?.ToString() : null).FirstOrDefault(v => !string.IsNullOrEmpty(v));
}

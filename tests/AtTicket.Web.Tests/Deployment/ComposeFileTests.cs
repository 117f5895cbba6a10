using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using AtTicket.Web.Tests.Localization;

namespace AtTicket.Web.Tests.Deployment;

/// <summary>
/// No container engine runs on these machines, so the compose stack is checked by reading it: every node gets
/// what production needs, nginx accepts its configuration, the images are the stack the README names, and the
/// observability profile scrapes the nodes and finds its dashboard (issue 14, item 5).
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly ComposeStack Stack = ComposeStack.Load();

    [Fact]
    public void There_are_two_web_nodes_each_with_every_setting_production_needs()
    {
        var nodes = Stack.WebNodes.ToList();

        Assert.Equal(["web1", "web2"], nodes.Select(n => n.Key).Order());
        foreach (var (name, node) in nodes)
        {
            var settings = node.Environment;
            Assert.Equal("MySql", settings.GetValueOrDefault("Database__Provider"));
            Assert.Contains("Server=mysql;", settings.GetValueOrDefault("ConnectionStrings__Database") ?? string.Empty);
            Assert.Equal("redis:6379", settings.GetValueOrDefault("ConnectionStrings__Redis"));
            Assert.Equal("kafka:9092", settings.GetValueOrDefault("Kafka__BootstrapServers"));
            Assert.Equal("mailpit", settings.GetValueOrDefault("Mail__Smtp__Host"));
            foreach (var required in new[] { "ForwardedHeaders__KnownNetworks__0", "OpenTelemetry__ScrapeToken", "ClientAddresses__HashKey", "Mail__From" })
            {
                Assert.False(string.IsNullOrWhiteSpace(settings.GetValueOrDefault(required)), $"{name} lacks {required}");
            }

            Assert.True(settings["ClientAddresses__HashKey"].Length >= 32, "the client-address key is at least 32 characters (checked at start)");
        }
    }

    [Fact]
    public void Every_host_a_node_names_is_a_service_of_the_stack()
    {
        foreach (var (_, node) in Stack.WebNodes)
        {
            foreach (var host in new[] { "mysql", "redis", "kafka", "mailpit" })
            {
                Assert.Contains(host, Stack.Services.Keys);
                Assert.Contains(node.Environment.Values, value => value.Contains(host, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void The_images_are_the_stack_the_README_describes()
    {
        var readme = File.ReadAllText(Path.Combine(SourceTree.Root, "README.md"));
        Assert.Contains("MySQL 8.4, Redis 7, Kafka 3.9", readme);

        Assert.Equal("mysql:8.4", Stack.Services["mysql"].Image);
        Assert.Equal("redis:7", Stack.Services["redis"].Image);
        Assert.StartsWith("apache/kafka:3.9.", Stack.Services["kafka"].Image);
        Assert.StartsWith("axllent/mailpit:", Stack.Services["mailpit"].Image);
        Assert.StartsWith("nginx:", Stack.Services["nginx"].Image);
        Assert.StartsWith("prom/prometheus:", Stack.Services["prometheus"].Image);
        Assert.StartsWith("grafana/grafana:", Stack.Services["grafana"].Image);
        Assert.All(Stack.Services.Where(s => s.Value.Build is null), s => Assert.Matches(@":v?[0-9][\w.\-]*$", s.Value.Image));
    }

    [Fact]
    public void Nginx_accepts_the_deploy_configuration_with_local_addresses_and_sends_to_every_node()
    {
        var configuration = File.ReadAllText(Path.Combine(SourceTree.Root, "deploy", "nginx.conf"));
        foreach (var (name, _) in Stack.WebNodes)
        {
            Assert.Contains($"server {name}:8080", configuration);
        }

        Assert.Matches(@"location = /metrics \{\s*return 404;", configuration);
        var folder = Directory.CreateTempSubdirectory("atticket-nginx-").FullName;
        try
        {
            var local = UpstreamServer().Replace(configuration, match => $"server 127.0.0.1:{18080 + int.Parse(match.Groups["n"].Value)}");
            var copy = Path.Combine(folder, "nginx.conf");
            File.WriteAllText(copy, local);

            var (exitCode, output) = Run("nginx", "-t", "-p", folder, "-c", copy, "-g", $"pid {folder}/nginx.pid; error_log {folder}/error.log;");

            Assert.True(exitCode == 0, output);
            Assert.Contains("test is successful", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_observability_profile_scrapes_every_node_with_the_token_and_provisions_the_dashboard()
    {
        Assert.Equal(["observability"], Stack.Services["prometheus"].Profiles);
        Assert.Equal(["observability"], Stack.Services["grafana"].Profiles);
        var prometheus = File.ReadAllText(Path.Combine(SourceTree.Root, "deploy", "prometheus", "prometheus.yml"));
        Assert.Contains("credentials_file: /etc/prometheus/scrape-token", prometheus);
        Assert.Contains($"targets: [{string.Join(", ", Stack.WebNodes.Select(n => $"\"{n.Key}:8080\""))}]", prometheus);

        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(SourceTree.Root, "deploy", "grafana", "dashboards", "atticket.json")));
        var titles = dashboard.RootElement.GetProperty("panels").EnumerateArray().Select(p => p.GetProperty("title").GetString()).ToList();
        Assert.Contains("Sales per minute", titles);
        Assert.Contains("Holds per minute by outcome", titles);
        Assert.Contains("p99 per endpoint", titles);
        Assert.Contains("Live seat changes: publish to delivery", titles);
        Assert.Contains("Outbox lag (commit to bus)", titles);
        Assert.True(File.Exists(Path.Combine(SourceTree.Root, "deploy", "grafana", "provisioning", "datasources", "prometheus.yml")));
        Assert.True(File.Exists(Path.Combine(SourceTree.Root, "deploy", "grafana", "provisioning", "dashboards", "atticket.yml")));
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    [GeneratedRegex(@"server web(?<n>\d+):8080")]
    private static partial Regex UpstreamServer();
}

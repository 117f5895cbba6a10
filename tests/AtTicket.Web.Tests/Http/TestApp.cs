using System.Net;
using AtTicket.Infrastructure.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Http;

/// <summary>
/// The real app in memory (<see cref="WebApplicationFactory{TEntryPoint}"/>), in the Development
/// environment with demo data, on a SQLite file that belongs to this instance alone.
/// </summary>
public sealed class TestApp : IAsyncLifetime
{
    private readonly TemporaryDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly WebApplicationFactory<Program> _root = new();
    private readonly WebApplicationFactory<Program> _factory;
    private bool _kestrel;

    public TestApp()
        : this(new Dictionary<string, string>())
    {
    }

    internal TestApp(IReadOnlyDictionary<string, string> settings)
        : this(settings, new TemporaryDatabase(), ownsDatabase: true)
    {
    }

    /// <summary>Another node on <paramref name="database"/>, which the caller owns (see <see cref="TwoAppNodes"/>).</summary>
    internal TestApp(IReadOnlyDictionary<string, string> settings, TemporaryDatabase database)
        : this(settings, database, ownsDatabase: false)
    {
    }

    private TestApp(IReadOnlyDictionary<string, string> settings, TemporaryDatabase database, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        _factory = _root.WithWebHostBuilder(builder => WithSettings(builder, settings)
            .UseEnvironment("Development")
            .UseSetting("Database:Provider", "Sqlite")
            .UseSetting("ConnectionStrings:Database", _database.ConnectionString)
            .UseSetting("ConnectionStrings:Redis", string.Empty)
            .UseSetting("Seed:DemoData", "true")
            .UseSetting("Mail:PickupDirectory", MailFolder) // never the source tree's mail-pickup folder
            .UseSetting("Logging:LogLevel:Default", "Warning")
            .UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning")
            .ConfigureServices(services => services.AddSingleton<IStartupFilter, TestPeers.Filter>()));
    }

    private static IWebHostBuilder WithSettings(IWebHostBuilder builder, IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        return builder;
    }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Where the app's mails go when a test sets no SMTP host.</summary>
    public string MailFolder => _database.FilePath + "-mail";

    /// <summary>
    /// Serves on real Kestrel at a free loopback port instead of the in-memory test server, for what only
    /// a server on a socket does (Kestrel's own rejections); call before the app starts.
    /// </summary>
    internal void UseKestrel() => _kestrel = true;

    /// <summary>Where Kestrel listens (see <see cref="UseKestrel"/>), e.g. http://127.0.0.1:40123.</summary>
    public Uri KestrelAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Starts the app (migrate and seed) before the first test, so a start-up failure fails loudly here.</summary>
    public ValueTask InitializeAsync()
    {
        if (_kestrel)
        {
            _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            _factory.StartServer();
        }
        else
        {
            _ = _factory.Server;
        }

        _database.AssertWasCreated();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A browser of its own: keeps cookies, never follows redirects, so tests see each 302. It connects from
    /// <paramref name="peer"/>, by default an address no other client of the test run has.
    /// </summary>
    public Browser NewBrowser(IPAddress? peer = null) =>
        new(_factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(), new TestPeers.Handler(peer ?? TestPeers.Next())));

    /// <summary>A client that keeps no cookies and follows no redirects: each request carries only what the test gives it.</summary>
    public HttpClient NewClient(IPAddress? peer = null) =>
        _factory.CreateDefaultClient(new Uri("http://localhost"), new TestPeers.Handler(peer ?? TestPeers.Next()));

    public async Task<IList<string>> RolesOfAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = await members.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No member {email}.");
        return await members.GetRolesAsync(member);
    }

    public async Task<bool> MemberExistsAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByEmailAsync(email) is not null;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _root.DisposeAsync();
        if (_ownsDatabase)
        {
            _database.Dispose();
            if (Directory.Exists(MailFolder))
            {
                Directory.Delete(MailFolder, recursive: true);
            }
        }
    }
}

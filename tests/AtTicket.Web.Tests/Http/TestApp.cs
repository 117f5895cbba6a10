using System.Net;
using AtTicket.Infrastructure.Identity;
using AtTicket.Infrastructure.Tests.Mail;
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
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly bool _ownsDatabase;
    private readonly WebApplicationFactory<Program> _root = new();
    private TemporaryDatabase? _database;
    private WebApplicationFactory<Program>? _factory;
    private bool _kestrel;

    /// <summary>Settings that send the app's mails to <paramref name="sink"/>, its outbox polled every 50 ms so a test waits little for a mail.</summary>
    internal static Dictionary<string, string> MailSettings(SmtpSink sink)
    {
        var settings = sink.Settings.ToDictionary(s => s.Key, s => s.Value!);
        settings["Outbox:PollMilliseconds"] = "50";
        return settings;
    }

    public TestApp()
        : this(new Dictionary<string, string>())
    {
    }

    internal TestApp(IReadOnlyDictionary<string, string> settings)
        : this(settings, new TemporaryDatabase(), ownsDatabase: true)
    {
    }

    /// <summary>An app on <paramref name="database"/>, which the caller owns (another node, see <see cref="TwoAppNodes"/>).</summary>
    internal TestApp(IReadOnlyDictionary<string, string> settings, TemporaryDatabase database)
        : this(settings, database, ownsDatabase: false)
    {
    }

    /// <param name="database">Null: a MariaDB database of its own, made when the app starts (<see cref="OnMariaDb"/>).</param>
    private TestApp(IReadOnlyDictionary<string, string> settings, TemporaryDatabase? database, bool ownsDatabase)
    {
        _settings = settings;
        _ownsDatabase = ownsDatabase;
        if (database is not null)
        {
            _database = database;
            _factory = Build(database);
        }
    }

    /// <summary>The same app on a MariaDB database of its own (from ATTICKET_TEST_MYSQL), dropped on dispose.</summary>
    internal static TestApp OnMariaDb(IReadOnlyDictionary<string, string> settings) => new(settings, database: null, ownsDatabase: true);

    // The test's own settings last, so they may replace a default (ConnectionStrings:Redis, for one).
    private WebApplicationFactory<Program> Build(TemporaryDatabase database) =>
        _root.WithWebHostBuilder(builder => WithSettings(builder
            .UseEnvironment("Development")
            .UseSetting("Database:Provider", database.Provider)
            .UseSetting("Database:ServerVersion", database.ServerVersion)
            .UseSetting("ConnectionStrings:Database", database.ConnectionString)
            .UseSetting("ConnectionStrings:Redis", string.Empty)
            .UseSetting("Seed:DemoData", "true")
            .UseSetting("Mail:PickupDirectory", database.FilePath + "-mail") // never the source tree's mail-pickup folder
            .UseSetting("Logging:LogLevel:Default", "Warning")
            .UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning")
            .ConfigureServices(services => services.AddSingleton<IStartupFilter, TestPeers.Filter>()), _settings));

    private WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The MariaDB app is made when it starts: InitializeAsync first.");

    private static IWebHostBuilder WithSettings(IWebHostBuilder builder, IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        return builder;
    }

    public IServiceProvider Services => Factory.Services;

    /// <summary>Where the app's mails go when a test sets no SMTP host.</summary>
    public string MailFolder => _database!.FilePath + "-mail";

    /// <summary>
    /// Serves on real Kestrel at a free loopback port instead of the in-memory test server, for what only
    /// a server on a socket does (Kestrel's own rejections); call before the app starts.
    /// </summary>
    internal void UseKestrel() => _kestrel = true;

    /// <summary>Where Kestrel listens (see <see cref="UseKestrel"/>), e.g. http://127.0.0.1:40123.</summary>
    public Uri KestrelAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Starts the app (migrate and seed) before the first test, so a start-up failure fails loudly here.</summary>
    public async ValueTask InitializeAsync()
    {
        if (_factory is null)
        {
            _database = await TemporaryDatabase.MariaDbAsync();
            _factory = Build(_database);
        }

        if (_kestrel)
        {
            _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            _factory.StartServer();
        }
        else
        {
            _ = _factory.Server;
        }

        _database!.AssertWasCreated();
    }

    /// <summary>
    /// A browser of its own: keeps cookies, never follows redirects, so tests see each 302. It connects from
    /// <paramref name="peer"/>, by default an address no other client of the test run has.
    /// </summary>
    public Browser NewBrowser(IPAddress? peer = null) =>
        new(Factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(), new TestPeers.Handler(peer ?? TestPeers.Next())));

    /// <summary>A client that keeps no cookies and follows no redirects: each request carries only what the test gives it.</summary>
    public HttpClient NewClient(IPAddress? peer = null) =>
        Factory.CreateDefaultClient(new Uri("http://localhost"), new TestPeers.Handler(peer ?? TestPeers.Next()));

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
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _root.DisposeAsync();
        if (_ownsDatabase && _database is not null)
        {
            _database.Dispose();
            await DeleteMailFolderAsync();
        }
    }

    /// <summary>
    /// A mail written while the app stopped can land between the listing and the removal of the folder
    /// ("Directory not empty"): the listing is taken again. A folder that still will not go stays in the
    /// temp folder rather than failing every test of the class at clean-up.
    /// </summary>
    private async Task DeleteMailFolderAsync()
    {
        for (var attempt = 1; Directory.Exists(MailFolder); attempt++)
        {
            try
            {
                Directory.Delete(MailFolder, recursive: true);
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
            catch (IOException)
            {
                return;
            }
        }
    }
}

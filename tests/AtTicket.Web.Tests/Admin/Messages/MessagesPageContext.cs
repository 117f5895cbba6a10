using AtTicket.Infrastructure;
using AtTicket.Infrastructure.Identity;
using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Messaging;
using AtTicket.Infrastructure.Persistence;
using AtTicket.Infrastructure.Seeding;
using AtTicket.Infrastructure.Tests.Mail;
using AtTicket.Web.Components.Admin.Messages;
using AtTicket.Web.Tests.Components;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MudBlazor;

namespace AtTicket.Web.Tests.Admin.Messages;

/// <summary>
/// bunit for /admin/messages: the real outbox and mail services over a SQLite file of its own, sending
/// to an SMTP sink of the test's own (aiosmtpd) that the test stops to make a mail fail and park.
/// </summary>
public abstract class MessagesPageContext : BunitContext, IAsyncLifetime
{
    private static readonly TimeSpan LoadLimit = TimeSpan.FromSeconds(30);
    private readonly TemporaryDatabase _database = new();

    protected MessagesPageContext()
    {
        this.AddAppServices();
        AddAuthorization().SetAuthorized("admin@atticket.local").SetRoles(Roles.Admin);
    }

    private protected SmtpSink Sink { get; private set; } = default!;

    protected static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        Sink = await SmtpSink.StartPrivateAsync();
        var settings = Sink.Settings;
        settings["Database:Provider"] = "Sqlite";
        settings["ConnectionStrings:Database"] = _database.ConnectionString;
        settings["Mail:MaxAttempts"] = "1"; // the first failed send parks the mail
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging();
        Services.AddInfrastructure(configuration);
        Services.AddIdentityCore<Member>(IdentityRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AtTicketDbContext>()
            .AddUserManager<MemberManager>();

        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(Cancellation);
        _database.AssertWasCreated();
    }

    /// <summary>The page beside the dialog and snackbar providers, as the layout has them, once it has loaded.</summary>
    protected IRenderedComponent<ContainerFragment> RenderPage()
    {
        var page = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<MessagesPage>(3);
            builder.CloseComponent();
        });
        page.WaitForElement("[data-testid=counts]", LoadLimit);
        return page;
    }

    /// <summary>A mail sent while the SMTP server is down: the delivery service parks it as failed. The server is up again afterwards.</summary>
    protected async Task<MailDeliveryRow> ParkedMailAsync(string recipient, string subject)
    {
        var mail = new MimeMessage();
        mail.To.Add(MailboxAddress.Parse(recipient));
        mail.Subject = subject;
        mail.Body = new TextPart("plain") { Text = "Your tickets are attached." };
        var message = new BusMessage(Guid.NewGuid(), "BookingConfirmed", Guid.NewGuid().ToString(), "{}", DateTimeOffset.UtcNow);

        await Sink.StopAsync();
        Assert.Equal(DeliveryOutcome.Parked, await Services.GetRequiredService<MailDeliveryService>().DeliverAsync(message, mail, Cancellation));
        await Sink.StartAgainAsync();

        return Assert.Single(await Services.GetRequiredService<MailDeliveryStore>().ListForMessageAsync(message.Id, Cancellation));
    }

    /// <summary>An outbox row that the bus refused once, as the dispatcher leaves it: pending, one attempt, the error kept.</summary>
    protected async Task<OutboxMessage> PendingOutboxRowAsync(string error, TimeSpan age)
    {
        var row = new OutboxMessage(Guid.NewGuid(), "ProductOnSale", "42", "{}", DateTimeOffset.UtcNow - age);
        row.RecordFailure(error);
        await using var db = await Services.GetRequiredService<IDbContextFactory<AtTicketDbContext>>().CreateDbContextAsync(Cancellation);
        db.OutboxMessages.Add(row);
        await db.SaveChangesAsync(Cancellation);
        return row;
    }

    /// <summary>Waits for the element (the first whose text starts with <paramref name="text"/>, when given), then finds and clicks it in one go, so a re-render in between cannot stale it.</summary>
    protected static async Task ClickAsync(IRenderedComponent<ContainerFragment> page, string selector, string? text = null)
    {
        page.WaitForAssertion(() => Assert.NotEmpty(Matching(page, selector, text)));
        await page.InvokeAsync(() => Matching(page, selector, text).First().Click());
    }

    private static IEnumerable<AngleSharp.Dom.IElement> Matching(IRenderedComponent<ContainerFragment> page, string selector, string? text) =>
        page.FindAll(selector).Where(e => text is null || e.TextContent.Trim().StartsWith(text, StringComparison.Ordinal));

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (Sink is not null)
        {
            await Sink.DisposeAsync();
        }

        _database.Dispose();
    }
}

using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AtTicket.Web.Tests.Admin.Venues;

/// <summary>The admin context plus the providers dialogs and selects need, and field lookups.</summary>
public abstract class VenueAdminTestContext : AdminPagesContext
{
    protected static CancellationToken Ct => Cancellation;

    /// <summary>Where dialogs (venue form, confirmations) appear.</summary>
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    /// <summary>Where menus (such as "Mark as") open.</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = default!;

    protected T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();

        // MudSelect and the dialogs need their providers, as the main layout has them.
        Popovers = Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
    }

    /// <summary>A MudBlazor text or numeric field's input, found by the data-testid given to the field.</summary>
    protected static AngleSharp.Dom.IElement Field<TComponent>(IRenderedComponent<TComponent> cut, string testId)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        cut.Find($"input[data-testid={testId}], [data-testid={testId}] input");
}

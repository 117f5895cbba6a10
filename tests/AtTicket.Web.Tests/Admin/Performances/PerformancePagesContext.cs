using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Web.Tests.Admin.Performances;

/// <summary>The admin context plus navigation to a page address with its query string.</summary>
public abstract class PerformancePagesContext : AdminPagesContext
{
    protected TestData Data => new(Services);

    /// <summary>Renders a page as if the browser had navigated to <paramref name="uri"/>, query string included.</summary>
    protected IRenderedComponent<TPage> RenderAt<TPage>(string uri)
        where TPage : IComponent
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        return Render<TPage>();
    }
}

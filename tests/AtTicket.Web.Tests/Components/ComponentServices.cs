using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AtTicket.Web.Tests.Components;

public static class ComponentServices
{
    /// <summary>What every AtTicket component needs: MudBlazor (its JS answered loosely) and the real resources.</summary>
    public static BunitContext AddAppServices(this BunitContext context)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        return context;
    }
}

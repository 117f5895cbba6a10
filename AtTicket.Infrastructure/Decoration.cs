namespace AtTicket.Infrastructure;

internal static class Decoration
{
    /// <summary>Wraps the registered singleton <typeparamref name="TService"/> (registered before this call).</summary>
    public static void Decorate<TService>(this IServiceCollection services, Func<TService, IServiceProvider, TService> wrap)
        where TService : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(TService));
        services.Remove(registered);
        services.AddSingleton(sp =>
        {
            var inner = registered switch
            {
                { ImplementationInstance: TService instance } => instance,
                { ImplementationFactory: { } factory } => (TService)factory(sp),
                _ => (TService)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!),
            };
            return wrap(inner, sp);
        });
    }
}

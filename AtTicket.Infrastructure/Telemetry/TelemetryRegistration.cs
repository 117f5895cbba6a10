using AtTicket.Domain.Bookings.Payments;

namespace AtTicket.Infrastructure.Telemetry;

internal static class TelemetryRegistration
{
    /// <summary>After the bookings, payments and live registrations: it wraps their ports to count outcomes and log bookings.</summary>
    public static void AddOutcomeCounting(this IServiceCollection services)
    {
        services.AddSingleton<AtTicketMetrics>();
        services.AddHostedService<OperationsGaugeReader>();
        services.Decorate<ISeatInventory>((inner, sp) => new CountingSeatInventory(inner, sp.GetRequiredService<AtTicketMetrics>()));
        services.Decorate<IBookingStore>((inner, sp) => new CountingBookingStore(inner, sp.GetRequiredService<AtTicketMetrics>()));
        services.Decorate<IBookingStore>((inner, sp) => new LoggingBookingStore(inner, sp.GetRequiredService<ILogger<LoggingBookingStore>>()));
        services.Decorate<IPaymentGateway>((inner, sp) => new ObservedPaymentGateway(inner, sp.GetRequiredService<AtTicketMetrics>()));
    }
}

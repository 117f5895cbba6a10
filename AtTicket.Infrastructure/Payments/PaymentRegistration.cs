using AtTicket.Domain.Bookings.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AtTicket.Infrastructure.Payments;

internal static class PaymentRegistration
{
    /// <summary>The card processor named by Payments:Provider; Simulated (the default) is the only one so far.</summary>
    public static void AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(PaymentOptions.SectionName);
        var provider = section.GetValue<string>(nameof(PaymentOptions.Provider));
        if (!string.IsNullOrWhiteSpace(provider) && !string.Equals(provider, PaymentOptions.SimulatedProvider, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Payments:Provider '{provider}' is not supported; use {PaymentOptions.SimulatedProvider}.");
        }

        services.AddOptions<PaymentOptions>()
            .Bind(section)
            .Validate(
                o => o.SimulatedLatencyMilliseconds is >= 0 and <= PaymentOptions.MaxSimulatedLatencyMilliseconds,
                $"Payments:SimulatedLatencyMilliseconds must be between 0 and {PaymentOptions.MaxSimulatedLatencyMilliseconds}.")
            .ValidateOnStart();

        // One gateway per node: its idempotency keys and ledger are shared by every caller.
        services.AddSingleton<SimulatedPaymentGateway>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SimulatedPaymentGateway>());
    }
}

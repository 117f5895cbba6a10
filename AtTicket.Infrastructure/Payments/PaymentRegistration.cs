using AtTicket.Domain.Bookings.Payments;
using AtTicket.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AtTicket.Infrastructure.Payments;

internal static class PaymentRegistration
{
    /// <summary>The card processor named by Payments:Provider; Simulated (the default) is the only one so far. One gateway per node.</summary>
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

        // Scaled out (MySQL), the processor's books are shared by the nodes and outlive each of them, as a real
        // processor's are; a single node (SQLite) keeps them in memory.
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (database.Provider == DatabaseProvider.MySql && !string.IsNullOrWhiteSpace(connectionString))
        {
            services.AddSingleton<IPaymentLedger>(new MySqlPaymentLedger(connectionString));
        }
        else
        {
            services.AddSingleton<IPaymentLedger, PaymentLedger>();
        }

        services.AddSingleton(sp => new SimulatedPaymentGateway(
            sp.GetRequiredService<IOptions<PaymentOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IPaymentLedger>()));
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SimulatedPaymentGateway>());
    }
}

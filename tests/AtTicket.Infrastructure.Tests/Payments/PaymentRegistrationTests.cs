using AtTicket.Domain.Bookings.Payments;
using AtTicket.Infrastructure.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AtTicket.Infrastructure.Tests.Payments;

public sealed class PaymentRegistrationTests
{
    private static ServiceProvider Services(params (string Key, string? Value)[] payments)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Database"] = "Data Source=:memory:",
        };
        foreach (var (key, value) in payments)
        {
            settings[key] = value;
        }

        return TestDatabase.BuildServices(settings);
    }

    [Fact]
    public void Payments_default_to_the_simulated_gateway_with_300_ms_latency()
    {
        var defaults = new PaymentOptions();

        Assert.Equal("Payments", PaymentOptions.SectionName);
        Assert.Equal("Simulated", defaults.Provider);
        Assert.Equal(300, defaults.SimulatedLatencyMilliseconds);
    }

    [Fact]
    public void Without_configuration_the_app_gets_one_simulated_gateway_for_everyone()
    {
        using var services = Services();

        var gateway = services.GetRequiredService<IPaymentGateway>();

        // The one simulated gateway, behind the decorator that counts payments for the metrics.
        Assert.Equal("ObservedPaymentGateway", gateway.GetType().Name);
        Assert.Same(gateway, services.GetRequiredService<IPaymentGateway>());
        var simulated = services.GetRequiredService<SimulatedPaymentGateway>();
        Assert.Same(simulated, services.GetRequiredService<SimulatedPaymentGateway>());
        Assert.Equal(TimeSpan.FromMilliseconds(300), simulated.Latency);
    }

    [Fact]
    public void The_latency_comes_from_configuration()
    {
        using var services = Services(("Payments:Provider", "Simulated"), ("Payments:SimulatedLatencyMilliseconds", "25"));

        Assert.Equal(TimeSpan.FromMilliseconds(25), services.GetRequiredService<SimulatedPaymentGateway>().Latency);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("60001")]
    public void A_latency_out_of_range_is_refused(string latency)
    {
        using var services = Services(("Payments:SimulatedLatencyMilliseconds", latency));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IPaymentGateway>());
        Assert.Contains("Payments:SimulatedLatencyMilliseconds", error.Message);
    }

    [Fact]
    public void An_unknown_provider_is_refused_at_startup()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Services(("Payments:Provider", "Toss")));

        Assert.Equal("Payments:Provider 'Toss' is not supported; use Simulated.", error.Message);
    }
}

namespace AtTicket.Infrastructure.Messaging;

internal static class MessagingRegistration
{
    /// <summary>The outbox and its dispatcher on every node, publishing to Kafka when <c>Kafka:BootstrapServers</c> is set, in process otherwise.</summary>
    public static void AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section))
            .Validate(o => o.PollMilliseconds > 0 && o.BatchSize > 0 && o.LeaseSeconds > 0 && o.MaxBackoffSeconds > 0, "Outbox settings must be positive.")
            .ValidateOnStart();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxReader>();
        services.AddSingleton<BusHealth>();
        services.AddOptions<KafkaOptions>().Bind(configuration.GetSection(KafkaOptions.Section))
            .Validate(o => o.MessageTimeoutMilliseconds > 0, "Kafka:MessageTimeoutMilliseconds must be positive.")
            .ValidateOnStart();
        services.AddSingleton<InProcessMessageBus>();
        var kafka = configuration.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
        if (kafka.IsConfigured)
        {
            services.AddSingleton<KafkaMessageBus>();
            services.AddSingleton<IMessageBus>(sp => sp.GetRequiredService<KafkaMessageBus>());
        }
        else
        {
            services.AddSingleton<IMessageBus>(sp => sp.GetRequiredService<InProcessMessageBus>());
        }

        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
    }
}

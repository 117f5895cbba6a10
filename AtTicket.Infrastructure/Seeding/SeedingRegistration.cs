namespace AtTicket.Infrastructure.Seeding;

internal static class SeedingRegistration
{
    public static void AddSeeding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(SeedOptions.SectionName).Get<SeedOptions>() ?? new SeedOptions());
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoDataSeeder>();
    }
}

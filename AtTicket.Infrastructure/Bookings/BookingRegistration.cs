namespace AtTicket.Infrastructure.Bookings;

internal static class BookingRegistration
{
    public static void AddBookings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BookingLimits>()
            .Bind(configuration.GetSection(BookingLimits.SectionName))
            .Validate(
                l => l.HoldMinutes is > 0 and <= 60 && l.MaxSeatsPerBooking > 0 && l.MaxSeatsPerMemberPerPerformance >= l.MaxSeatsPerBooking && l.MaxActiveHoldsPerMember > 0,
                "Booking limits must be positive, HoldMinutes at most 60, and MaxSeatsPerMemberPerPerformance at least MaxSeatsPerBooking.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BookingLimits>>().Value);
        services.AddOptions<ReconcilerOptions>()
            .Bind(configuration.GetSection(ReconcilerOptions.SectionName))
            .Validate(o => o.IntervalSeconds is > 0 and <= 3600 && o.GraceSeconds is >= 0 and <= 3600, "Reconciler:IntervalSeconds must be 1 to 3600 and Reconciler:GraceSeconds 0 to 3600.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReconcilerOptions>>().Value);
        services.AddSingleton<ISeatInventory, EfSeatInventory>();
        services.AddSingleton<ISeatKinds, CatalogSeatKinds>();
        services.AddSingleton<HoldService>();
        services.AddSingleton<IBookingStore, EfBookingStore>().AddSingleton<RefundIssuer>().AddSingleton<BookingService>().AddSingleton<BookingCancellation>();
        services.AddSingleton<BookingReconciler>();
        services.AddSingleton<BookingReader>();
        services.AddSingleton<HoldViewReader>();
        services.AddHostedService<HoldSweeper>();
        services.AddHostedService<BookingReconcilerService>();
        AtTicket.Infrastructure.Payments.PaymentRegistration.AddPayments(services, configuration);
    }
}

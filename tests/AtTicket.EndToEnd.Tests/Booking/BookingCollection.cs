namespace AtTicket.EndToEnd.Tests.Booking;

/// <summary>
/// Tests that book, pay for and cancel seats of the demo concert. The admin dashboard test expects
/// no confirmed bookings yet, so these run on their own, after every parallel test has finished.
/// Each test books seats no other test uses, with customers it signs up itself.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BookingCollection
{
    public const string Name = "Books seats of the demo concert";
}

using AtTicket.Domain.Messaging;
using Microsoft.Extensions.Time.Testing;

namespace AtTicket.Domain.Tests.Messaging;

public class OutboxMessageTests
{
    private readonly FakeTimeProvider _clock = TestClock.New();

    private static OutboxMessage NewMessage(DateTimeOffset occurredAt) =>
        new(Guid.NewGuid(), "BookingConfirmed", "booking-1", """{"bookingId":"booking-1"}""", occurredAt);

    [Fact]
    public void A_new_message_waits_to_be_dispatched()
    {
        var id = Guid.NewGuid();

        var message = new OutboxMessage(id, "ProductRegistered", "42", "{}", _clock.GetUtcNow());

        Assert.Equal(id, message.Id);
        Assert.Equal("ProductRegistered", message.Type);
        Assert.Equal("42", message.AggregateId);
        Assert.Equal("{}", message.Payload);
        Assert.Equal(TestClock.Start, message.OccurredAt);
        Assert.Null(message.DispatchedAt);
        Assert.Equal(0, message.Attempts);
        Assert.Null(message.LastError);
    }

    [Fact]
    public void RecordFailure_counts_every_failed_attempt()
    {
        var message = NewMessage(_clock.GetUtcNow());

        message.RecordFailure("broker unreachable");
        message.RecordFailure("broker unreachable");
        message.RecordFailure("timeout");

        Assert.Equal(3, message.Attempts);
    }

    [Fact]
    public void RecordFailure_keeps_the_latest_error()
    {
        var message = NewMessage(_clock.GetUtcNow());
        message.RecordFailure("broker unreachable");

        message.RecordFailure("timeout");

        Assert.Equal("timeout", message.LastError);
    }

    [Fact]
    public void RecordFailure_keeps_an_error_of_1000_characters_whole()
    {
        var message = NewMessage(_clock.GetUtcNow());
        var error = new string('e', 1000);

        message.RecordFailure(error);

        Assert.Equal(error, message.LastError);
    }

    [Fact]
    public void RecordFailure_cuts_a_longer_error_to_its_first_1000_characters()
    {
        var message = NewMessage(_clock.GetUtcNow());
        var error = new string('a', 1000) + new string('b', 500);

        message.RecordFailure(error);

        Assert.Equal(new string('a', 1000), message.LastError);
    }

    [Fact]
    public void MarkDispatched_records_when_the_message_left_and_clears_the_error()
    {
        var message = NewMessage(_clock.GetUtcNow());
        message.RecordFailure("timeout");
        _clock.Advance(TimeSpan.FromSeconds(30));

        message.MarkDispatched(_clock.GetUtcNow());

        Assert.Equal(TestClock.Start.AddSeconds(30), message.DispatchedAt);
        Assert.Null(message.LastError);
    }

    [Fact]
    public void MarkDispatched_keeps_the_count_of_failed_attempts()
    {
        var message = NewMessage(_clock.GetUtcNow());
        message.RecordFailure("timeout");
        message.RecordFailure("timeout");

        message.MarkDispatched(_clock.GetUtcNow());

        Assert.Equal(2, message.Attempts);
    }
}

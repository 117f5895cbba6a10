using AtTicket.Infrastructure.Messaging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AtTicket.Infrastructure.Tests.Messaging;

public sealed class InProcessMessageBusTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_handler_that_fails_gets_the_same_message_again_and_the_next_only_after_it_succeeded()
    {
        await using var bus = new InProcessMessageBus(TimeProvider.System, NullLogger<InProcessMessageBus>.Instance);
        var seen = new List<(Guid Id, bool Failed)>();
        var secondHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Message("BookingConfirmed");
        var second = Message("BookingCancelled");
        await using var subscription = bus.Subscribe("mail", (message, _) =>
        {
            var fail = message.Id == first.Id && !seen.Any(s => s.Id == first.Id);
            seen.Add((message.Id, fail));
            if (fail)
            {
                throw new InvalidOperationException("The SMTP server is away.");
            }

            if (message.Id == second.Id)
            {
                secondHandled.SetResult();
            }

            return Task.CompletedTask;
        });

        await bus.PublishAsync(first, Ct);
        await bus.PublishAsync(second, Ct);
        await secondHandled.Task.WaitAsync(Ct);

        Assert.Equal([(first.Id, true), (first.Id, false), (second.Id, false)], seen);
    }

    [Fact]
    public async Task Every_subscriber_gets_every_message()
    {
        await using var bus = new InProcessMessageBus(TimeProvider.System, NullLogger<InProcessMessageBus>.Instance);
        var mail = new TaskCompletionSource<BusMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var audit = new TaskCompletionSource<BusMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var one = bus.Subscribe("mail", (m, _) => { mail.TrySetResult(m); return Task.CompletedTask; });
        await using var two = bus.Subscribe("audit", (m, _) => { audit.TrySetResult(m); return Task.CompletedTask; });
        var message = Message("ProductOnSale");

        await bus.PublishAsync(message, Ct);

        Assert.Equal(message, await mail.Task.WaitAsync(Ct));
        Assert.Equal(message, await audit.Task.WaitAsync(Ct));
    }

    private static BusMessage Message(string type) => new(Guid.NewGuid(), type, Guid.NewGuid().ToString(), "{}", DateTimeOffset.UtcNow);
}

using AtTicket.Domain.Queues;
using AtTicket.Infrastructure.Queues;

namespace AtTicket.Infrastructure.Tests.Queues;

public sealed class InProcessWaitingRoomTests : WaitingRoomContract
{
    protected override Task<IWaitingRoom> RoomAsync() => Task.FromResult<IWaitingRoom>(new InProcessWaitingRoom(Time));
}

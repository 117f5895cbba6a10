using AtTicket.Domain.Bookings;
using AtTicket.Domain.Messaging;
using AtTicket.Infrastructure.Mail;
using AtTicket.Infrastructure.Media;
using AtTicket.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AtTicket.Infrastructure.Tests.Persistence;

public sealed class GuidKeyTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public async Task Every_Guid_key_comes_from_the_code_and_never_from_EF(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateEmptyAsync(provider);
        await using var db = database.NewContext();

        var guidKeys = db.Model.GetEntityTypes()
            .SelectMany(e => e.FindPrimaryKey()!.Properties)
            .Where(p => p.ClrType == typeof(Guid))
            .ToList();

        Assert.Equal(
            new[] { typeof(Booking), typeof(MailDelivery), typeof(OutboxMessage), typeof(PosterImage), typeof(SeatHold) },
            guidKeys.Select(p => p.DeclaringType.ClrType).OrderBy(t => t.Name));
        Assert.All(guidKeys, p => Assert.Equal(ValueGenerated.Never, p.ValueGenerated));
    }
}

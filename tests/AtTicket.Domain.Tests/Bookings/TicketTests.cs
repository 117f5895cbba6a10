using AtTicket.Domain.Bookings;

namespace AtTicket.Domain.Tests.Bookings;

public class TicketTests
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    [Fact]
    public void NewCode_is_16_characters_long()
    {
        Assert.Equal(16, Ticket.NewCode().Length);
    }

    [Fact]
    public void NewCode_uses_only_letters_and_digits_that_cannot_be_mistaken_for_each_other()
    {
        var characters = string.Concat(Enumerable.Range(0, 100).Select(_ => Ticket.NewCode()));

        Assert.All(characters, c => Assert.Contains(c, Alphabet));
        Assert.DoesNotContain('O', characters);
        Assert.DoesNotContain('0', characters);
        Assert.DoesNotContain('I', characters);
        Assert.DoesNotContain('1', characters);
    }

    [Fact]
    public void NewCode_differs_every_time()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => Ticket.NewCode()).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
    }
}

using AtTicket.Domain.Members;

namespace AtTicket.Domain.Tests.Members;

public sealed class LoginBackoffTests
{
    private static readonly LoginBackoff Backoff = new(FreeFailures: 3, MaxWait: TimeSpan.FromMinutes(15));
    private static readonly DateTimeOffset Last = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(8, 16)]
    [InlineData(13, 512)]
    [InlineData(14, 900)]
    [InlineData(1_000_000, 900)]
    public void The_wait_doubles_after_the_free_failures_up_to_the_cap(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.WaitAfter(failures));

    [Fact]
    public void A_client_within_its_wait_must_wait_the_rest()
    {
        Assert.Equal(TimeSpan.FromSeconds(6), Backoff.Remaining(failures: 7, Last, Last.AddSeconds(2)));
    }

    [Fact]
    public void A_client_whose_wait_has_passed_may_try_again()
    {
        Assert.Equal(TimeSpan.Zero, Backoff.Remaining(failures: 7, Last, Last.AddSeconds(8)));
    }
}

using Parley.Sessions.Recording;

namespace Parley.Sessions.Tests.Recording;

public sealed class StorageRetryPolicyTests
{
    private static readonly StorageRetryPolicy Policy = new()
    {
        FirstDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(2),
        GiveUpAfter = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public void The_wait_doubles_from_the_first_delay_up_to_the_longest()
    {
        var waits = Enumerable.Range(1, 8).Select(failures => Policy.DelayAfter(failures, TimeSpan.FromSeconds(1))!.Value.TotalMilliseconds);

        Assert.Equal([100, 200, 400, 800, 1600, 2000, 2000, 2000], waits);
    }

    [Fact]
    public void The_last_wait_ends_at_the_limit_so_the_last_attempt_is_made_there()
        => Assert.Equal(TimeSpan.FromMilliseconds(500), Policy.DelayAfter(20, TimeSpan.FromMilliseconds(29_500)));

    [Fact]
    public void Once_writes_have_failed_for_the_limit_it_gives_up()
    {
        Assert.Null(Policy.DelayAfter(20, TimeSpan.FromSeconds(30)));
        Assert.Null(Policy.DelayAfter(1, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_long_outage_never_overflows_the_wait()
        => Assert.Equal(TimeSpan.FromSeconds(2), Policy.DelayAfter(int.MaxValue, TimeSpan.FromSeconds(1)));

    [Fact]
    public void A_count_below_one_is_refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Policy.DelayAfter(0, TimeSpan.Zero));
}

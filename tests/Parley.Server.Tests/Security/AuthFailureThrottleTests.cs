using System.Net;
using Microsoft.Extensions.Time.Testing;
using Parley.Server.Api;

namespace Parley.Server.Tests.Security;

/// <summary>The table of failed sign-ins per address: refuses after the limit until the window ends, and never holds more than its bound.</summary>
public sealed class AuthFailureThrottleTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.7");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task An_address_is_refused_after_the_limit_until_its_window_ends_and_others_are_not()
    {
        var throttle = Throttle(limit: 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await throttle.RetryAfterAsync(Attacker));
            await throttle.RecordFailureAsync(Attacker);
        }

        Assert.Equal(TimeSpan.FromMinutes(1), await throttle.RetryAfterAsync(Attacker));
        Assert.Null(await throttle.RetryAfterAsync(IPAddress.Parse("203.0.113.8")));

        _time.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(TimeSpan.FromSeconds(15), await throttle.RetryAfterAsync(Attacker));
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Null(await throttle.RetryAfterAsync(Attacker));
        Assert.Equal(0, throttle.Count);
    }

    [Fact]
    public async Task An_ipv4_address_seen_as_ipv6_is_the_same_address_and_an_ipv6_host_counts_per_64()
    {
        var throttle = Throttle(limit: 2);
        await throttle.RecordFailureAsync(Attacker);
        await throttle.RecordFailureAsync(Attacker.MapToIPv6());
        Assert.NotNull(await throttle.RetryAfterAsync(Attacker));

        await throttle.RecordFailureAsync(IPAddress.Parse("2001:db8:1:2::1"));
        await throttle.RecordFailureAsync(IPAddress.Parse("2001:db8:1:2:ffff::9"));
        Assert.NotNull(await throttle.RetryAfterAsync(IPAddress.Parse("2001:db8:1:2::77")));
        Assert.Null(await throttle.RetryAfterAsync(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public async Task The_table_never_holds_more_addresses_than_its_bound_and_forgets_the_oldest_first()
    {
        var throttle = Throttle(limit: 1, tracked: 100);
        for (var i = 0; i < 10_000; i++)
        {
            await throttle.RecordFailureAsync(new IPAddress([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]));
            Assert.InRange(throttle.Count, 1, 100);
        }

        Assert.Null(await throttle.RetryAfterAsync(new IPAddress([10, 0, 0, 0])));
        Assert.NotNull(await throttle.RetryAfterAsync(new IPAddress([10, 0, 39, 15]))); // the last of the 10,000
    }

    private AuthFailureThrottle Throttle(int limit, int tracked = 10_000)
        => new(new ApiOptions { FailedAuthLimit = limit, FailedAuthWindow = TimeSpan.FromMinutes(1), FailedAuthTrackedAddresses = tracked }, _time);
}

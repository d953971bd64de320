using System.Net;
using System.Net.Sockets;

namespace Parley.Server.Api;

/// <summary>
/// Counts failed sign-ins (a key or token that is wrong, not a missing one) per client address, and refuses an address
/// that failed <see cref="ApiOptions.FailedAuthLimit"/> times for the rest of that window, before its key is even
/// looked up: guessing keys costs a window per few guesses instead of nothing.
/// </summary>
/// <remarks>
/// One table for the REST API, <c>/ws/voice</c> and <c>/metrics</c>. In memory it holds at most
/// <see cref="ApiOptions.FailedAuthTrackedAddresses"/> addresses; past that the oldest window is forgotten first. IPv6
/// addresses count per /64, since one host usually holds a whole /64. Behind a reverse proxy every client has the
/// proxy's address, so one client's failures hold back all of them. A success does not reset the count, or one valid
/// key would let a client guess others without end. On a cluster the windows are counted in Redis (and expire there),
/// so guesses spread over every node behind the load balancer still meet the limit once, not once per node.
/// </remarks>
internal sealed class AuthFailureThrottle
{
    private readonly ApiOptions _options;
    private readonly TimeProvider _time;
    private readonly IRequestWindows _windows;

    /// <summary>A throttle counting in this node's memory.</summary>
    public AuthFailureThrottle(ApiOptions options, TimeProvider time)
        : this(options, time, new InMemoryRequestWindowSource(time))
    {
    }

    public AuthFailureThrottle(ApiOptions options, TimeProvider time, RequestWindowSource windows)
    {
        _options = options;
        _time = time;
        _windows = windows.Create("failed-sign-ins", options.FailedAuthWindow, options.FailedAuthTrackedAddresses);
    }

    /// <summary>Addresses tracked now in this node's memory (zero when they are counted in Redis).</summary>
    public int Count => (_windows as InMemoryRequestWindows)?.Count ?? 0;

    /// <summary>How long <paramref name="address"/> must wait before signing in again, or null when it may try now.</summary>
    public async ValueTask<TimeSpan?> RetryAfterAsync(IPAddress? address, CancellationToken cancellationToken = default)
    {
        var window = await _windows.PeekAsync(Key(address), cancellationToken).ConfigureAwait(false);
        return window.Count >= _options.FailedAuthLimit && window.Ends is { } ends ? ends - _time.GetUtcNow() : null;
    }

    /// <summary>Counts one failed sign-in from <paramref name="address"/>.</summary>
    public async ValueTask RecordFailureAsync(IPAddress? address, CancellationToken cancellationToken = default)
        => await _windows.HitAsync(Key(address), cancellationToken).ConfigureAwait(false);

    private static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}

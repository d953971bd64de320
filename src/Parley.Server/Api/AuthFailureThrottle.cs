using System.Net;
using System.Net.Sockets;

namespace Parley.Server.Api;

/// <summary>
/// Counts failed sign-ins (a key or token that is wrong, not a missing one) per client address, and refuses an address
/// that failed <see cref="ApiOptions.FailedAuthLimit"/> times for the rest of that window, before its key is even
/// looked up: guessing keys costs a window per few guesses instead of nothing.
/// </summary>
/// <remarks>
/// One table for the REST API, <c>/ws/voice</c> and <c>/metrics</c>. It holds at most
/// <see cref="ApiOptions.FailedAuthTrackedAddresses"/> addresses; past that the oldest window is forgotten first. IPv6
/// addresses count per /64, since one host usually holds a whole /64. Behind a reverse proxy every client has the
/// proxy's address, so one client's failures hold back all of them. A success does not reset the count, or one valid
/// key would let a client guess others without end.
/// </remarks>
internal sealed class AuthFailureThrottle
{
    private readonly ApiOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);

    // Oldest window first: entries are only ever added at the end, and a window is never restarted in place.
    private readonly LinkedList<Entry> _byAge = new();

    public AuthFailureThrottle(ApiOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>Addresses tracked now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>How long <paramref name="address"/> must wait before signing in again, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        var key = Key(address);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            ForgetExpired(now);
            return _entries.TryGetValue(key, out var node) && node.Value.Failures >= _options.FailedAuthLimit
                ? node.Value.Start + _options.FailedAuthWindow - now
                : null;
        }
    }

    /// <summary>Counts one failed sign-in from <paramref name="address"/>.</summary>
    public void RecordFailure(IPAddress? address)
    {
        var key = Key(address);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            ForgetExpired(now);
            if (_entries.TryGetValue(key, out var node))
            {
                node.Value.Failures++;
                return;
            }

            _entries[key] = _byAge.AddLast(new Entry(key, now) { Failures = 1 });
            while (_entries.Count > _options.FailedAuthTrackedAddresses)
            {
                Remove(_byAge.First!);
            }
        }
    }

    private void ForgetExpired(DateTimeOffset now)
    {
        while (_byAge.First is { } oldest && oldest.Value.Start + _options.FailedAuthWindow <= now)
        {
            Remove(oldest);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _byAge.Remove(node);
        _entries.Remove(node.Value.Key);
    }

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

    private sealed class Entry(string key, DateTimeOffset start)
    {
        public string Key { get; } = key;

        public DateTimeOffset Start { get; } = start;

        public int Failures { get; set; }
    }
}

using System.Globalization;
using System.Net;

namespace Parley.Tools.Outbound;

/// <summary>A list of hosts, each whole or on one port: the hosts outbound calls may reach whatever they resolve to, or the hosts a secret may be sent to.</summary>
public sealed class HostAllowList
{
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<(string Host, int Port)> _hostPorts = new(HostPortComparer.Instance);

    public HostAllowList(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            var (host, port) = Parse(entry);
            host = Normalize(host);
            if (port is { } p)
            {
                _hostPorts.Add((host, p));
            }
            else
            {
                _hosts.Add(host);
            }
        }
    }

    /// <summary>Whether a connection to <paramref name="host"/> on <paramref name="port"/> is allowed by name.</summary>
    public bool Allows(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        var normal = Normalize(host);
        return _hosts.Contains(normal) || _hostPorts.Contains((normal, port));
    }

    /// <summary>An entry as host and optional port: <c>name</c>, <c>name:80</c>, <c>::1</c>, <c>[::1]</c>, <c>[::1]:80</c>.</summary>
    /// <exception cref="FormatException">The entry is empty or its port is not a port.</exception>
    public static (string Host, int? Port) Parse(string entry)
    {
        var text = entry?.Trim() ?? string.Empty;
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                throw new FormatException($"'{entry}' is not a host or host:port.");
            }

            host = text[1..close];
            port = close + 1 < text.Length ? text[(close + 2)..] : null;
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            (host, port) = (text[..colon], text[(colon + 1)..]);
        }
        else
        {
            host = text; // A name, or an IPv6 address without brackets (and so without a port).
        }

        if (host.Length == 0)
        {
            throw new FormatException($"'{entry}' names no host.");
        }

        if (host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '\\' or '@' or '?' or '#' or '*'))
        {
            throw new FormatException($"'{entry}' is not a host or host:port (no scheme, path, user or wildcard).");
        }

        if (port is null)
        {
            return (host, null);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535
            ? (host, number)
            : throw new FormatException($"'{entry}' has no valid port.");
    }

    /// <summary>An entry in its canonical form: the host normalized and lower-cased, IPv6 in brackets, then <c>:port</c> if any.</summary>
    public static string Format((string Host, int? Port) entry)
    {
        var host = Normalize(entry.Host).ToLowerInvariant();
        var shown = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        return entry.Port is { } port ? $"{shown}:{port.ToString(CultureInfo.InvariantCulture)}" : shown;
    }

    /// <summary>Whether the list names no host at all.</summary>
    public bool IsEmpty => _hosts.Count == 0 && _hostPorts.Count == 0;

    /// <summary>A host as compared: no brackets around IPv6, no final dot, addresses in their canonical form (<c>[0::1]</c> is <c>::1</c>).</summary>
    public static string Normalize(string host)
    {
        var bare = host.Trim('[', ']').TrimEnd('.');
        return IPAddress.TryParse(bare, out var address) ? address.ToString() : bare;
    }

    private sealed class HostPortComparer : IEqualityComparer<(string Host, int Port)>
    {
        public static readonly HostPortComparer Instance = new();

        public bool Equals((string Host, int Port) x, (string Host, int Port) y)
            => x.Port == y.Port && StringComparer.OrdinalIgnoreCase.Equals(x.Host, y.Host);

        public int GetHashCode((string Host, int Port) obj)
            => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Host), obj.Port);
    }
}

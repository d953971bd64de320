using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Parley.Tools.Outbound;

/// <summary>Addresses an outbound call (webhook, MCP server, ...) must not reach unless allowed by name: everything that is not the public internet.</summary>
/// <remarks>
/// IPv6 forms that carry an IPv4 address (mapped <c>::ffff:a.b.c.d</c>, compatible <c>::a.b.c.d</c>, NAT64
/// <c>64:ff9b::/96</c>, 6to4 <c>2002::/16</c>) are judged by the IPv4 address inside, since that is where the
/// packets end up.
/// </remarks>
internal static class InternalAddresses
{
    private static readonly (uint Network, int Bits, string Kind)[] V4 =
    [
        (0x00000000, 8, "unspecified (0.0.0.0/8)"),
        (0x0A000000, 8, "private (10.0.0.0/8)"),
        (0x64400000, 10, "shared CGNAT (100.64.0.0/10)"),
        (0x7F000000, 8, "loopback (127.0.0.0/8)"),
        (0xA9FE0000, 16, "link-local (169.254.0.0/16)"),
        (0xAC100000, 12, "private (172.16.0.0/12)"),
        (0xC0000000, 24, "IETF protocol (192.0.0.0/24)"),
        (0xC0A80000, 16, "private (192.168.0.0/16)"),
        (0xC6120000, 15, "benchmarking (198.18.0.0/15)"),
        (0xE0000000, 4, "multicast (224.0.0.0/4)"),
        (0xF0000000, 4, "reserved (240.0.0.0/4)"),
    ];

    /// <summary>Why <paramref name="address"/> is internal (e.g. <c>loopback (127.0.0.0/8)</c>), or null when it is public.</summary>
    public static string? Reason(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ReasonV4(BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes())),
            AddressFamily.InterNetworkV6 => ReasonV6(address.GetAddressBytes()),
            _ => "not an IP address",
        };
    }

    private static string? ReasonV4(uint address)
    {
        foreach (var (network, bits, kind) in V4)
        {
            var mask = uint.MaxValue << (32 - bits);
            if ((address & mask) == network)
            {
                return kind;
            }
        }

        return null;
    }

    private static string? ReasonV6(byte[] b)
    {
        var high = BinaryPrimitives.ReadUInt64BigEndian(b);
        var low = BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(8));
        var embedded = BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(12));
        if (high == 0 && low == 0)
        {
            return "unspecified (::)";
        }

        if (high == 0 && low == 1)
        {
            return "loopback (::1)";
        }

        if (high == 0 && (low >> 32) == 0xFFFF)
        {
            return Inside(embedded, "IPv4-mapped");
        }

        if (high == 0 && (low >> 32) == 0)
        {
            return Inside(embedded, "IPv4-compatible");
        }

        if (high == 0x0064_FF9B_0000_0000 && (low >> 32) == 0)
        {
            return Inside(embedded, "NAT64");
        }

        if ((b[0] << 8 | b[1]) == 0x2002)
        {
            return Inside(BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(2)), "6to4");
        }

        return (b[0], b[1]) switch
        {
            (0x00, 0x64) when b[2] == 0xFF && b[3] == 0x9B && b[4] == 0 && b[5] == 1 => "local NAT64 (64:ff9b:1::/48)",
            (0x01, 0x00) when high == 0x0100_0000_0000_0000 => "discard-only (100::/64)",
            (0x20, 0x01) when b[2] == 0x0D && b[3] == 0xB8 => "documentation (2001:db8::/32)",
            (0xFE, var second) when (second & 0xC0) == 0x80 => "link-local (fe80::/10)",
            (0xFE, var second) when (second & 0xC0) == 0xC0 => "site-local (fec0::/10)",
            (var first, _) when (first & 0xFE) == 0xFC => "unique local (fc00::/7)",
            (0xFF, _) => "multicast (ff00::/8)",
            _ => null,
        };
    }

    private static string? Inside(uint v4, string form)
        => ReasonV4(v4) is { } kind ? $"{form} {kind}" : null;
}

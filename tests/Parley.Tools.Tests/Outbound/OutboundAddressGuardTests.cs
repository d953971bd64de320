using System.Net;
using System.Net.Sockets;
using Parley.Tools.Outbound;

namespace Parley.Tools.Tests.Outbound;

/// <summary>The guard's decisions, with names resolved by a fake DNS: no connection is made.</summary>
public sealed class OutboundAddressGuardTests
{
    private static readonly Dictionary<string, IPAddress[]> Dns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["public.example"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("2606:2800:220:1:248:1893:25c8:1946")],
        ["mixed.example"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("10.0.0.7")],
        ["metadata.example"] = [IPAddress.Parse("169.254.169.254")],
        ["mapped.example"] = [IPAddress.Parse("::ffff:192.168.1.10")],
        ["internal.example"] = [IPAddress.Parse("172.20.0.5")],
        ["empty.example"] = [],
    };

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.0.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("100.64.0.1", "CGNAT")]
    [InlineData("100.127.255.255", "CGNAT")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fd12:3456::1", "unique local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "IPv4-mapped loopback")]
    [InlineData("::ffff:10.0.0.1", "IPv4-mapped private")]
    [InlineData("::ffff:169.254.169.254", "IPv4-mapped link-local")]
    [InlineData("::127.0.0.1", "IPv4-compatible loopback")]
    [InlineData("64:ff9b::a9fe:a9fe", "NAT64 link-local")]
    [InlineData("2002:0a00:0001::1", "6to4 private")]
    [InlineData("2001:db8::1", "documentation")]
    public void Internal_addresses_are_named_for_what_they_are(string address, string kind)
        => Assert.Contains(kind, InternalAddresses.Reason(IPAddress.Parse(address)), StringComparison.Ordinal);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("169.255.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2002:0808:0808::1")]
    public void Public_addresses_pass(string address) => Assert.Null(InternalAddresses.Reason(IPAddress.Parse(address)));

    [Fact]
    public async Task A_host_with_only_public_addresses_resolves_to_them()
        => Assert.Equal(Dns["public.example"], await Guard().ResolveAsync("public.example", 443));

    [Theory]
    [InlineData("mixed.example", "10.0.0.7")]
    [InlineData("metadata.example", "169.254.169.254")]
    [InlineData("mapped.example", "::ffff:192.168.1.10")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("[::1]", "::1")]
    [InlineData("[::ffff:7f00:1]", "::ffff:127.0.0.1")]
    public async Task A_host_is_refused_if_any_of_its_addresses_is_internal(string host, string address)
    {
        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() => Guard().ResolveAsync(host, 443));

        Assert.Contains(address, refused.Message, StringComparison.Ordinal);
        Assert.Contains("AllowedHosts", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_that_does_not_resolve_is_refused()
    {
        await Assert.ThrowsAsync<OutboundRefusedException>(() => Guard().ResolveAsync("empty.example", 80));
        await Assert.ThrowsAsync<OutboundRefusedException>(() => Guard().ResolveAsync("nowhere.example", 80));
    }

    [Theory]
    [InlineData("mixed.example", "mixed.example", 443)]
    [InlineData("MIXED.example.", "mixed.example", 443)]
    [InlineData("internal.example:8443", "internal.example", 8443)]
    [InlineData("127.0.0.1", "127.0.0.1", 9000)]
    [InlineData("127.0.0.1:9000", "127.0.0.1", 9000)]
    [InlineData("::1", "[::1]", 9000)]
    [InlineData("[::1]:9000", "[::1]", 9000)]
    [InlineData("[0:0::1]", "[::1]", 1)]
    public async Task The_allow_list_lets_a_host_or_one_of_its_ports_through(string entry, string host, int port)
        => Assert.NotEmpty(await Guard(entry).ResolveAsync(host, port));

    [Theory]
    [InlineData("internal.example:8443", "internal.example", 443)]
    [InlineData("127.0.0.1:9000", "127.0.0.1", 9001)]
    [InlineData("127.0.0.1", "127.0.0.2", 80)]
    [InlineData("localhost", "127.0.0.1", 80)]
    [InlineData("example.com", "internal.example", 80)]
    public async Task The_allow_list_lets_nothing_else_through(string entry, string host, int port)
        => await Assert.ThrowsAsync<OutboundRefusedException>(() => Guard(entry).ResolveAsync(host, port));

    [Theory]
    [InlineData("")]
    [InlineData("host:")]
    [InlineData("host:http")]
    [InlineData("host:70000")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    public void A_bad_allow_list_entry_stops_the_server_at_start(string entry)
        => Assert.Throws<FormatException>(() => new OutboundOptions { AllowedHosts = [entry] }.Validate());

    [Theory]
    [InlineData("ftp://files.example/x", "http or https")]
    [InlineData("file:///etc/passwd", "http or https")]
    [InlineData("https://user:pass@api.example/", "credentials")]
    [InlineData("http://127.0.0.1:8080/mcp", "loopback")]
    [InlineData("http://2130706433/mcp", "loopback")]
    [InlineData("http://0x7f.1/mcp", "loopback")]
    [InlineData("http://[::1]/mcp", "loopback")]
    [InlineData("http://[::ffff:169.254.169.254]/latest", "link-local")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://10.0.0.8/admin", "private")]
    [InlineData("http://0.0.0.0:9000/", "unspecified")]
    [InlineData("http://localhost:8080/mcp", "loopback")]
    [InlineData("http://LOCALHOST./mcp", "loopback")]
    [InlineData("http://admin.localhost/mcp", "loopback")]
    [InlineData("http://ip6-localhost/mcp", "loopback")]
    public void A_url_that_can_never_be_called_is_refused_before_any_connection(string url, string reason)
        => Assert.Contains(reason, Guard().Problem(new Uri(url)), StringComparison.Ordinal);

    [Theory]
    [InlineData("https://mcp.example.com/mcp")]
    [InlineData("http://93.184.216.34/")]
    [InlineData("https://[2606:4700:4700::1111]/")]
    [InlineData("http://localhost.example.com/")]
    [InlineData("http://internal.example/")] // Its address is checked on every connection, not here.
    public void A_url_that_may_be_public_passes_until_it_connects(string url)
        => Assert.Null(Guard().Problem(new Uri(url)));

    [Theory]
    [InlineData("127.0.0.1", "http://127.0.0.1:8080/mcp")]
    [InlineData("127.0.0.1:8080", "http://127.0.0.1:8080/mcp")]
    [InlineData("localhost", "http://localhost:3000/mcp")]
    [InlineData("[::1]:80", "http://[::1]/mcp")]
    public void The_allow_list_lets_an_internal_url_be_saved(string entry, string url)
        => Assert.Null(Guard(entry).Problem(new Uri(url)));

    [Fact]
    public void The_allow_list_does_not_let_credentials_through()
        => Assert.Contains("credentials", Guard("127.0.0.1").Problem(new Uri("http://u:p@127.0.0.1/")), StringComparison.Ordinal);

    private static OutboundAddressGuard Guard(params string[] allowed) => new(
        new OutboundOptions { AllowedHosts = allowed },
        (host, _) => Dns.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)));
}

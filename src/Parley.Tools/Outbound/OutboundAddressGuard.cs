using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Parley.Tools.Outbound;

/// <summary>
/// Keeps calls that agents' authors aim (webhooks, MCP servers, ...) off internal networks: resolves each target once,
/// refuses internal addresses, and connects only to what it checked.
/// </summary>
/// <remarks>
/// Installed as the <see cref="SocketsHttpHandler.ConnectCallback"/> of every guarded client
/// (<see cref="OutboundServiceCollectionExtensions.AddGuardedHttpClient"/>), so every connection is checked, and the
/// socket goes to the very address that passed: a DNS answer that changes between check and connect (rebinding) has
/// nothing to swap. A host resolving to several addresses is refused if any one of them is internal. Hosts named in
/// <see cref="OutboundOptions.AllowedHosts"/> skip the check. <see cref="Problem"/> refuses early, when an agent is
/// saved, what needs no DNS to refuse.
/// </remarks>
public sealed class OutboundAddressGuard
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <summary>A guard with the allow-list of <paramref name="options"/>, resolving through the system's DNS.</summary>
    public OutboundAddressGuard(OutboundOptions options)
        : this(options, Dns.GetHostAddressesAsync)
    {
    }

    /// <summary>A guard with its own resolver, so tests can make names resolve anywhere.</summary>
    internal OutboundAddressGuard(OutboundOptions options, Func<string, CancellationToken, Task<IPAddress[]>> resolve)
    {
        ArgumentNullException.ThrowIfNull(options);
        AllowList = new HostAllowList(options.AllowedHosts);
        _resolve = resolve;
    }

    /// <summary>The hosts allowed whatever they resolve to.</summary>
    public HostAllowList AllowList { get; }

    /// <summary>
    /// Why <paramref name="url"/> can never be called, found without DNS: not http(s), credentials in it, or a host that
    /// is an internal address or a loopback name (<c>localhost</c>, <c>*.localhost</c>) not on the allow-list. Null when
    /// it may be tried; the connection is checked again, on the address it resolves to.
    /// </summary>
    public string? Problem(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http or https URL";
        }

        if (url.UserInfo.Length > 0)
        {
            return "may not hold credentials; send them in a header that refers to a secret";
        }

        var host = url.IdnHost.Trim('[', ']');
        if (AllowList.Allows(host, url.Port))
        {
            return null;
        }

        var reason = IPAddress.TryParse(host, out var address) ? InternalAddresses.Reason(address)
            : IsLoopbackName(host) ? "loopback" : null;
        return reason is null
            ? null
            : $"points at {host}, a {reason} address; only public hosts may be called unless {OutboundOptions.Section}:AllowedHosts names the host";
    }

    /// <summary>The addresses <paramref name="host"/> may be reached at on <paramref name="port"/>.</summary>
    /// <exception cref="OutboundRefusedException">The host resolves to an internal address and is not allowed, or does not resolve.</exception>
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.Trim('[', ']');
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(bare, out var literal) ? [literal] : await _resolve(bare, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new OutboundRefusedException($"The host '{bare}' could not be resolved: {ex.Message}", ex);
        }

        if (addresses.Length == 0)
        {
            throw new OutboundRefusedException($"The host '{bare}' has no address.");
        }

        if (AllowList.Allows(bare, port))
        {
            return addresses;
        }

        foreach (var address in addresses)
        {
            if (InternalAddresses.Reason(address) is { } reason)
            {
                throw new OutboundRefusedException(
                    $"The host '{bare}' resolves to {address}, a {reason} address; only public addresses may be called "
                    + $"unless {OutboundOptions.Section}:AllowedHosts names the host.");
            }
        }

        return addresses;
    }

    /// <summary>Opens a connection: checks the target, then connects to the first checked address that answers.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.DnsEndPoint;
        var addresses = await ResolveAsync(target.Host, target.Port, cancellationToken).ConfigureAwait(false);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, target.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    /// <summary>Names every resolver answers with loopback (RFC 6761 reserves <c>localhost</c> and everything under it).</summary>
    private static bool IsLoopbackName(string host)
    {
        var name = host.TrimEnd('.');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || name.Equals("localhost.localdomain", StringComparison.OrdinalIgnoreCase)
            || name.Equals("ip6-localhost", StringComparison.OrdinalIgnoreCase)
            || name.Equals("ip6-loopback", StringComparison.OrdinalIgnoreCase);
    }
}

using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Parley.Tools.Webhooks;

/// <summary>Keeps webhooks off internal networks: resolves each target once, refuses internal addresses, and connects only to what it checked.</summary>
/// <remarks>
/// Installed as the webhook handler's <see cref="SocketsHttpHandler.ConnectCallback"/>, so every connection is checked
/// (a redirect, were one followed, would be too), and the socket goes to the very address that passed: a DNS answer
/// that changes between check and connect (rebinding) has nothing to swap. A host resolving to several addresses
/// is refused if any one of them is internal. Hosts named in <see cref="WebhookOptions.AllowedHosts"/> skip the check.
/// </remarks>
public sealed class WebhookTargetGuard
{
    private readonly WebhookAllowList _allowList;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <summary>A guard with the allow-list of <paramref name="options"/>, resolving through the system's DNS.</summary>
    public WebhookTargetGuard(WebhookOptions options)
        : this(options, Dns.GetHostAddressesAsync)
    {
    }

    /// <summary>A guard with its own resolver, so tests can make names resolve anywhere.</summary>
    internal WebhookTargetGuard(WebhookOptions options, Func<string, CancellationToken, Task<IPAddress[]>> resolve)
    {
        ArgumentNullException.ThrowIfNull(options);
        _allowList = new WebhookAllowList(options.AllowedHosts);
        _resolve = resolve;
    }

    /// <summary>The addresses <paramref name="host"/> may be reached at on <paramref name="port"/>.</summary>
    /// <exception cref="WebhookRefusedException">The host resolves to an internal address and is not allowed, or does not resolve.</exception>
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
            throw new WebhookRefusedException($"The webhook host '{bare}' could not be resolved: {ex.Message}", ex);
        }

        if (addresses.Length == 0)
        {
            throw new WebhookRefusedException($"The webhook host '{bare}' has no address.");
        }

        if (_allowList.Allows(bare, port))
        {
            return addresses;
        }

        foreach (var address in addresses)
        {
            if (InternalAddresses.Reason(address) is { } reason)
            {
                throw new WebhookRefusedException(
                    $"The webhook host '{bare}' resolves to {address}, a {reason} address; webhooks may only call public addresses "
                    + $"unless {WebhookOptions.Section}:AllowedHosts names the host.");
            }
        }

        return addresses;
    }

    /// <summary>Opens the connection for a webhook request: checks the target, then connects to the first checked address that answers.</summary>
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
}

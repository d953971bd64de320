using System.Net.Http;
using Parley.Tools.Outbound;

namespace Parley.Tools.Mcp;

/// <summary>Sends an MCP server's requests only to the origin of its URL, adding the entry's headers (secrets filled in) to each.</summary>
/// <remarks>
/// A legacy SSE server names the URL its messages are posted to, and may name any host: the headers, and the secrets
/// in them, would follow. Requests to any other origin are refused, as the MCP TypeScript SDK refuses them; the
/// connection itself is still checked by the <see cref="OutboundAddressGuard"/> below this handler.
/// </remarks>
internal sealed class McpOriginHandler(Uri endpoint, IReadOnlyDictionary<string, string> headers) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { } target || Uri.Compare(target, endpoint, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new OutboundRefusedException(
                $"The MCP server at {endpoint.GetLeftPart(UriPartial.Authority)} asked for a request to {request.RequestUri?.GetLeftPart(UriPartial.Authority)}, another origin; refused.");
        }

        // HTTP/3 would run over QUIC, which does not go through the guard's connect callback; never upgrade past 1.1.
        request.Version = System.Net.HttpVersion.Version11;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        foreach (var (name, value) in headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

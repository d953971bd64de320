using System.Net.Http;
using System.Reflection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Parley.Storage.Secrets;
using Parley.Tools.Outbound;
using Parley.Tools.Secrets;
using Parley.Tools.Webhooks;

namespace Parley.Tools.Mcp;

/// <summary>Opens an MCP client on an entry's transport: Streamable HTTP (falling back to SSE) for a URL, stdio for a command.</summary>
/// <remarks>
/// HTTP servers are reached through the guarded client (<see cref="OutboundAddressGuard"/> on every connection, no
/// redirects, no proxy), only at their own origin, with secrets filled into their headers only when bound to that host.
/// </remarks>
internal sealed partial class McpClientConnector(
    McpToolOptions options, IHttpMessageHandlerFactory handlers, SecretGate secrets, ILoggerFactory loggerFactory)
{
    /// <summary>The name of the guarded HTTP client MCP servers are reached through.</summary>
    public const string HttpClientName = "Parley.Mcp";

    private static readonly Implementation ClientInfo = new()
    {
        Name = "parley",
        Version = typeof(McpClientConnector).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
    };

    private readonly ILogger _logger = loggerFactory.CreateLogger<McpClientConnector>();

    /// <summary>Connects to the server for a session of <paramref name="teamspaceId"/> and completes the MCP handshake; the caller owns the client.</summary>
    /// <exception cref="OutboundRefusedException">The server's address, or a secret's binding, does not allow the call.</exception>
    public async Task<McpClient> ConnectAsync(McpServerEntry entry, string teamspaceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var transport = entry.Url is { } url
            ? await HttpTransportAsync(entry, url, teamspaceId, cancellationToken).ConfigureAwait(false)
            : StdioTransport(entry);
        var clientOptions = new McpClientOptions { ClientInfo = ClientInfo, InitializationTimeout = options.ConnectTimeout };
        return await McpClient.CreateAsync(transport, clientOptions, loggerFactory, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IClientTransport> HttpTransportAsync(McpServerEntry entry, Uri url, string teamspaceId, CancellationToken cancellationToken)
    {
        var values = await secrets.ReadForAsync(teamspaceId, entry.Headers.Values, url, cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, template) in entry.Headers.Where(h => WebhookRules.IsAllowedHeader(h.Key)))
        {
            var value = Fill(entry.Name, name, template, values);
            headers[name] = WebhookRules.IsValidHeaderValue(value)
                ? value
                : throw new InvalidOperationException($"MCP server '{entry.Name}' cannot set its '{name}' header: a secret it refers to holds a line break.");
        }

        // The handler from the factory is pooled and outlives this client: disposing the client leaves it alone.
        var http = new HttpClient(new McpOriginHandler(url, headers) { InnerHandler = handlers.CreateHandler(HttpClientName) })
        {
            // The SSE stream stays open for the whole session; the connect timeout bounds the handshake instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var transportOptions = new HttpClientTransportOptions
        {
            Endpoint = url,
            Name = entry.Name,
            TransportMode = HttpTransportMode.AutoDetect,
            ConnectionTimeout = options.ConnectTimeout,
        };
        return new HttpClientTransport(transportOptions, http, loggerFactory, ownsHttpClient: true);
    }

    private static string Fill(string server, string header, string template, IReadOnlyDictionary<string, string> values)
    {
        try
        {
            return SecretReferences.Fill(template, values);
        }
        catch (KeyNotFoundException ex)
        {
            throw new InvalidOperationException($"MCP server '{server}' cannot set its '{header}' header: {ex.Message}", ex);
        }
    }

    private StdioClientTransport StdioTransport(McpServerEntry entry) => new(
        new StdioClientTransportOptions
        {
            Command = entry.Command!,
            Arguments = [.. entry.Args],
            Name = entry.Name,
            // Parley's environment holds its keys and connection strings: a child gets only what it needs.
            InheritEnvironmentVariables = false,
            EnvironmentVariables = Environment(entry),
            StandardErrorLines = line => LogServerError(entry.Name, line),
        },
        loggerFactory);

    private Dictionary<string, string?> Environment(McpServerEntry entry)
    {
        var variables = StdioClientTransportOptions.GetDefaultEnvironmentVariables();
        foreach (var name in options.ForwardedEnvironment)
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                variables[name] = value;
            }
        }

        foreach (var (name, value) in entry.Env)
        {
            variables[name] = value;
        }

        return variables;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "MCP server {Server} (stderr): {Line}")]
    private partial void LogServerError(string server, string line);
}

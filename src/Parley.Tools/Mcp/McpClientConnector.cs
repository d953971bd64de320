using System.Reflection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Parley.Tools.Mcp;

/// <summary>Opens an MCP client on an entry's transport: Streamable HTTP (falling back to SSE) for a URL, stdio for a command.</summary>
internal sealed partial class McpClientConnector(McpToolOptions options, ILoggerFactory loggerFactory)
{
    private static readonly Implementation ClientInfo = new()
    {
        Name = "parley",
        Version = typeof(McpClientConnector).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
    };

    private readonly ILogger _logger = loggerFactory.CreateLogger<McpClientConnector>();

    /// <summary>Connects to the server and completes the MCP handshake; the caller owns the client.</summary>
    public async Task<McpClient> ConnectAsync(McpServerEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var clientOptions = new McpClientOptions { ClientInfo = ClientInfo, InitializationTimeout = options.ConnectTimeout };
        return await McpClient.CreateAsync(CreateTransport(entry), clientOptions, loggerFactory, cancellationToken).ConfigureAwait(false);
    }

    private IClientTransport CreateTransport(McpServerEntry entry)
    {
        if (entry.Url is { } url)
        {
            return new HttpClientTransport(
                new HttpClientTransportOptions
                {
                    Endpoint = url,
                    Name = entry.Name,
                    TransportMode = HttpTransportMode.AutoDetect,
                    ConnectionTimeout = options.ConnectTimeout,
                    AdditionalHeaders = new Dictionary<string, string>(entry.Headers, StringComparer.OrdinalIgnoreCase),
                },
                loggerFactory);
        }

        return new StdioClientTransport(
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
    }

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

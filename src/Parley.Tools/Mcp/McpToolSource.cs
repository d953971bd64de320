using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using Parley.Tools.Outbound;

namespace Parley.Tools.Mcp;

/// <summary>The tools of the MCP servers attached to the agent (<c>mcp_servers</c>), over Streamable HTTP, SSE or stdio.</summary>
/// <remarks>
/// Each session connects afresh, to all servers at once, and hands the clients back as <see cref="ToolSet.Resources"/>:
/// a stdio server lives exactly as long as the session that started it. A server that cannot be reached in time costs
/// the session its tools, never the session itself.
/// </remarks>
internal sealed partial class McpToolSource(
    McpToolOptions options, McpClientConnector connector, TimeProvider timeProvider, ILogger<McpToolSource> logger) : IToolSource
{
    public async ValueTask<ToolSet> GetToolsAsync(ToolContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var entries = Attachable(context);
        if (entries.Count == 0)
        {
            return ToolSet.Empty;
        }

        var loads = entries.Select(entry => LoadAsync(entry, context.TeamspaceId, cancellationToken)).ToList();
        McpServerTools?[] loaded;
        try
        {
            loaded = await Task.WhenAll(loads).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The session gave up while connecting: nobody else will close the servers that did connect.
            foreach (var load in loads.Where(l => l.IsCompletedSuccessfully && l.Result is not null))
            {
                await CloseAsync(load.Result!.Name, load.Result.Client).ConfigureAwait(false);
            }

            throw;
        }

        var servers = loaded.OfType<McpServerTools>().ToList();
        var names = McpToolNames.Assign([.. servers.Select(s => (s.Name, (IReadOnlyList<string>)[.. s.Tools.Select(t => t.Name)]))]);
        var tools = servers
            .SelectMany((server, i) => server.Tools.Select((tool, j) => names[i][j] == tool.Name ? tool : tool.WithName(names[i][j])))
            .ToList<AITool>();
        return new ToolSet(tools, [.. servers.Select(s => s.Client)]);
    }

    /// <summary>The agent's entries Parley can and may connect to, each with a name of its own.</summary>
    private List<McpServerEntry> Attachable(ToolContext context)
    {
        var entries = new List<McpServerEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var items = context.Agent.McpServers ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (!McpServerEntryReader.TryRead(items[i], i, out var entry, out var problem))
            {
                LogEntryIgnored(context.TeamspaceId, i, problem);
                continue;
            }

            if (entry.IsStdio && !options.AllowedCommands.Contains(entry.Command!, StringComparer.Ordinal))
            {
                LogCommandRefused(context.TeamspaceId, entry.Name, entry.Command!);
                continue;
            }

            entries.Add(entry with { Name = McpToolNames.Unique(entry.Name, names) });
        }

        return entries;
    }

    /// <summary>Connects to one server and lists its tools, or logs why not and gives null.</summary>
    private async Task<McpServerTools?> LoadAsync(McpServerEntry entry, string teamspaceId, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.ConnectTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        McpClient? client = null;
        try
        {
            client = await connector.ConnectAsync(entry, teamspaceId, linked.Token).ConfigureAwait(false);
            var listed = await client.ListToolsAsync(cancellationToken: linked.Token).ConfigureAwait(false);
            var tools = listed.Where(t => entry.Allows(t.Name)).ToList();
            LogConnected(teamspaceId, entry.Name, tools.Count, listed.Count);
            return new McpServerTools(entry.Name, client, tools);
        }
        catch (Exception ex)
        {
            if (client is not null)
            {
                await CloseAsync(entry.Name, client).ConfigureAwait(false);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The session stopped while MCP servers were connecting.", ex, cancellationToken);
            }

            if (OutboundRefusedException.Find(ex) is { } refused)
            {
                LogRefused(teamspaceId, entry.Name, refused.Message);
            }
            else if (timeout.IsCancellationRequested)
            {
                LogTimedOut(teamspaceId, entry.Name, options.ConnectTimeout);
            }
            else
            {
                LogUnreachable(teamspaceId, entry.Name, ex);
            }

            return null;
        }
    }

    /// <summary>Closes a client that will not be used; a failure to close must not fail the session.</summary>
    private async Task CloseAsync(string server, McpClient client)
    {
        try
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogCloseFailed(server, ex);
        }
    }
}

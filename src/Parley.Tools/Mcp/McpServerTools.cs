using ModelContextProtocol.Client;

namespace Parley.Tools.Mcp;

/// <summary>A connected MCP server of one session: its client, to close at the session's end, and the tools taken from it.</summary>
internal sealed record McpServerTools(string Name, McpClient Client, IReadOnlyList<McpClientTool> Tools);

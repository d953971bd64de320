namespace Parley.Tools.Mcp;

/// <summary>An MCP server attached to an agent, in the form Parley can connect to: an HTTP endpoint or a local command.</summary>
/// <param name="Name">The server's name: prefixes its tools' names when two servers offer the same name.</param>
/// <param name="Url">The Streamable HTTP (or SSE) endpoint; null for a stdio server.</param>
/// <param name="Headers">Headers sent with every HTTP request, such as <c>Authorization</c>.</param>
/// <param name="Command">The program to start for a stdio server; null for an HTTP server.</param>
/// <param name="Args">The program's arguments.</param>
/// <param name="Env">Environment variables for the program, on top of the few it inherits.</param>
/// <param name="AllowedTools">The only tools to take from this server, by the server's names; null for all.</param>
internal sealed record McpServerEntry(
    string Name,
    Uri? Url,
    IReadOnlyDictionary<string, string> Headers,
    string? Command,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlySet<string>? AllowedTools)
{
    /// <summary>Whether Parley starts this server as a child process.</summary>
    public bool IsStdio => Command is not null;

    /// <summary>Whether the server offers <paramref name="toolName"/> to the agent.</summary>
    public bool Allows(string toolName) => AllowedTools is null || AllowedTools.Contains(toolName);
}

using Microsoft.Extensions.Logging;

namespace Parley.Tools.Mcp;

internal sealed partial class McpToolSource
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Teamspace {TeamspaceId}: MCP server entry {Index} of the agent is ignored: {Problem}")]
    private partial void LogEntryIgnored(string teamspaceId, int index, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teamspace {TeamspaceId}: MCP server {Server} refused: its command {Command} is not in Parley:Tools:Mcp:AllowedCommands")]
    private partial void LogCommandRefused(string teamspaceId, string server, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teamspace {TeamspaceId}: MCP server {Server} refused: {Reason}; the session goes on without its tools")]
    private partial void LogRefused(string teamspaceId, string server, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Teamspace {TeamspaceId}: MCP server {Server} connected, {Taken} of its {Listed} tools taken")]
    private partial void LogConnected(string teamspaceId, string server, int taken, int listed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teamspace {TeamspaceId}: MCP server {Server} did not connect and list its tools within {Timeout}; the session goes on without them")]
    private partial void LogTimedOut(string teamspaceId, string server, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teamspace {TeamspaceId}: MCP server {Server} could not be reached; the session goes on without its tools")]
    private partial void LogUnreachable(string teamspaceId, string server, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MCP server {Server} did not close cleanly")]
    private partial void LogCloseFailed(string server, Exception exception);
}

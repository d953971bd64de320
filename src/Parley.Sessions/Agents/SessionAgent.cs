using Microsoft.Extensions.AI;

namespace Parley.Sessions.Agents;

/// <summary>The agent of one session: a chat client pipeline, the options (tools) to call it with, and what it holds open.</summary>
/// <param name="Client">The chat client pipeline, function invocation included.</param>
/// <param name="Options">The options of every request: the tools above all.</param>
/// <param name="Resources">What the agent holds for the session (MCP connections), released when it ends.</param>
public sealed record SessionAgent(IChatClient Client, ChatOptions? Options, IAsyncDisposable? Resources = null) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Resources?.DisposeAsync() ?? ValueTask.CompletedTask;
}

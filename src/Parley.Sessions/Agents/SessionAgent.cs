using Microsoft.Extensions.AI;

namespace Parley.Sessions.Agents;

/// <summary>The agent of one session: a chat client pipeline and the options (tools) to call it with.</summary>
public sealed record SessionAgent(IChatClient Client, ChatOptions? Options);

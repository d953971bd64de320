using Parley.Storage.Agents;

namespace Parley.Tools;

/// <summary>What a session's tools are built for.</summary>
/// <param name="TeamspaceId">Whose data the tools may read: never another teamspace's.</param>
/// <param name="Agent">The agent's spec: which tools it has, its webhooks, its MCP servers.</param>
/// <param name="KnowledgeIds">The knowledge the agent may search: its own and the session's <c>knowledge_ids</c>.</param>
/// <param name="SecretIds">The secrets the session named (<c>secret_ids</c>), besides those the agent's webhooks name.</param>
/// <param name="Events">Where tools report citations and the end of the call.</param>
public sealed record ToolContext(
    string TeamspaceId,
    AgentSpec Agent,
    IReadOnlyList<string> KnowledgeIds,
    IReadOnlyList<string> SecretIds,
    IToolEvents Events);

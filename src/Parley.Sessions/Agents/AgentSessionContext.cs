using Parley.Protocol.Payloads;
using Parley.Storage.Agents;

namespace Parley.Sessions.Agents;

/// <summary>What an agent is built for: the stored agent, the session's caller and resources, and where its events go.</summary>
/// <param name="Agent">The stored agent.</param>
/// <param name="TeamspaceId">Whose data the agent's tools may read.</param>
/// <param name="KnowledgeIds">The agent's knowledge and the session's <c>knowledge_ids</c>, together.</param>
/// <param name="SecretIds">The session's <c>secret_ids</c>.</param>
/// <param name="User">Who is speaking, as the client told.</param>
/// <param name="Events">Where tool statuses, citations and the end of the call are reported.</param>
public sealed record AgentSessionContext(
    AgentRecord Agent,
    string TeamspaceId,
    IReadOnlyList<string> KnowledgeIds,
    IReadOnlyList<string> SecretIds,
    UserInfo? User,
    IAgentEventSink Events);

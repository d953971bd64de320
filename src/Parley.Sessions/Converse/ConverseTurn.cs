using Parley.Protocol.Payloads;
using Parley.Storage.Agents;

namespace Parley.Sessions.Converse;

/// <summary>One text turn of <c>/v1/converse</c>: who answers, in which conversation, what was asked.</summary>
/// <param name="TeamspaceId">The caller's teamspace.</param>
/// <param name="Agent">The agent that answers, with the request's <c>config</c> laid over its own.</param>
/// <param name="ConversationId">The conversation the turn belongs to (created by the caller if the request named none).</param>
/// <param name="Prompt">The user's words.</param>
/// <param name="KnowledgeIds">The knowledge the agent may search: its own and the request's.</param>
/// <param name="SecretIds">The secrets the request named.</param>
/// <param name="User">Who is asking, as the request told.</param>
public sealed record ConverseTurn(
    string TeamspaceId, AgentRecord Agent, string ConversationId, string Prompt, IReadOnlyList<string> KnowledgeIds, IReadOnlyList<string> SecretIds, UserInfo? User);

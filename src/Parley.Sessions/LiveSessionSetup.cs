using Parley.Protocol.Payloads;
using Parley.Sessions.History;
using Parley.Sessions.Outbound;
using Parley.Storage.Agents;
using Parley.Storage.Messages;

namespace Parley.Sessions;

/// <summary>What a session resolved from its <c>start</c>: the agent, the voice, where its timeline goes.</summary>
internal sealed record LiveSessionSetup(
    VoiceSessionServices Services,
    Outbox Outbox,
    StartPayload Start,
    string TeamspaceId,
    string ApiKeyId,
    AgentRecord Agent,
    string Voice,
    string MessageId,
    MessageStore? Store,
    ConversationHistory History);

using Parley.Protocol.Payloads;
using Parley.Sessions.History;
using Parley.Sessions.Outbound;
using Parley.Storage.Agents;
using Parley.Storage.Messages;

namespace Parley.Sessions;

/// <summary>What a session resolved from its <c>start</c>: the agent, the voice, where its timeline goes; on a phone line, the line and its greeting.</summary>
internal sealed record LiveSessionSetup(
    VoiceSessionServices Services,
    Outbox Outbox,
    StartPayload Start,
    string TeamspaceId,
    string ApiKeyId,
    AgentRecord Agent,
    Parley.Engines.Speech.VoiceRoute Voice,
    Parley.Engines.Speech.RecognizerRoute Hearing,
    string MessageId,
    MessageStore? Store,
    ConversationHistory History,
    string ConversationId = "",
    Transport.IPlaybackLine? Line = null,
    string? OpeningLine = null);

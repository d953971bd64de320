using Parley.Protocol.Payloads;

namespace Parley.Client.VoiceSessions;

/// <summary>The answer of <c>POST /v1/voice</c>: a single-use WebSocket URL (valid about a minute) and the start frame to send first.</summary>
/// <param name="Url">The <c>ws://</c> or <c>wss://</c> address, its handoff token included.</param>
/// <param name="AgentId">The agent that will answer, resolved by the server.</param>
/// <param name="Start">The parameters the token is bound to, to send as the payload of <c>start</c>.</param>
public sealed record VoiceSessionHandoff(Uri Url, string AgentId, StartPayload Start);

using Parley.Protocol.Payloads;

namespace Parley.Server.Telephony;

/// <summary>What a call's media stream may start: a session of this teamspace with these parameters, for this call.</summary>
/// <param name="TeamspaceId">Whose data the session touches.</param>
/// <param name="SessionKeyId">What the session counts against: the API key that placed an outbound call, or the number an inbound call came to.</param>
/// <param name="Start">The session's parameters (agent, initial context).</param>
/// <param name="CallId">The call record.</param>
/// <param name="Carrier">The carrier whose stream may redeem it.</param>
/// <param name="Greeting">Words said as they are when the call is answered, or null for the agent's own greeting.</param>
internal sealed record StreamGrant(string TeamspaceId, string SessionKeyId, StartPayload Start, string CallId, string Carrier, string? Greeting);

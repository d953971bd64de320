using Parley.Protocol.Payloads;

namespace Parley.Client.Voice.Events;

/// <summary>The session is over: always the last event of a session that started.</summary>
/// <param name="Payload">The transcript of the whole session, every connection's turns in order, and the credits consumed.</param>
/// <param name="Error">Why it ended, when not by <see cref="VoiceSession.StopAsync"/> or a normal close: auth, policy, or reconnection given up.</param>
public sealed record EndedEvent(EndedPayload Payload, VoiceSessionException? Error) : VoiceEvent;

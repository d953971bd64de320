using Parley.Protocol.Payloads;

namespace Parley.Client.Voice.Events;

/// <summary><c>started</c>: the session exists, in this conversation, stored as this message.</summary>
public sealed record StartedEvent(StartedPayload Payload) : VoiceEvent;

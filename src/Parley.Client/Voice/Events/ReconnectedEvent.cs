using Parley.Protocol.Payloads;

namespace Parley.Client.Voice.Events;

/// <summary>A new connection resumed the conversation; <see cref="Started"/> names its session and message (the conversation is the same).</summary>
public sealed record ReconnectedEvent(int Attempt, StartedPayload Started) : VoiceEvent;

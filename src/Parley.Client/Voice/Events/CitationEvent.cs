using Parley.Protocol.Payloads;

namespace Parley.Client.Voice.Events;

/// <summary><c>citation</c>: sources behind what the agent says.</summary>
public sealed record CitationEvent(CitationPayload Payload) : VoiceEvent;

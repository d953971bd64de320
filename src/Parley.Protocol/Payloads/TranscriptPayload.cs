namespace Parley.Protocol.Payloads;

/// <summary>Payload of <c>transcript</c>, and one item of <c>ended</c>'s transcript: exactly two strings.</summary>
public sealed record TranscriptPayload(string Role, string Text);

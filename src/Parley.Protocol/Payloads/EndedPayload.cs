namespace Parley.Protocol.Payloads;

/// <summary>Payload of <c>ended</c>.</summary>
public sealed record EndedPayload(double CreditsConsumed, IReadOnlyList<TranscriptPayload> Transcript);

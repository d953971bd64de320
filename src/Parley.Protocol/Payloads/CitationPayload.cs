namespace Parley.Protocol.Payloads;

/// <summary>Payload of <c>citation</c>: sources behind what the agent says.</summary>
public sealed record CitationPayload(IReadOnlyList<Citation> Citations, long TimestampMs);

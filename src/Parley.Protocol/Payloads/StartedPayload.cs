namespace Parley.Protocol.Payloads;

/// <summary>Payload of <c>started</c>.</summary>
public sealed record StartedPayload(string SessionId, string ConversationId, string MessageId);

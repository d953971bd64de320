namespace Parley.Protocol.Payloads;

/// <summary>Payload of <c>error</c>.</summary>
public sealed record ErrorPayload(string Message, string Code);

namespace Parley.Protocol.Payloads;

/// <summary>Payload of <c>tool_call</c>.</summary>
public sealed record ToolCallPayload(string ToolName, string Status);

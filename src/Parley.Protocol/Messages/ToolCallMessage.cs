using Parley.Protocol.Payloads;

namespace Parley.Protocol.Messages;

/// <summary>Server: the agent uses a tool.</summary>
public sealed record ToolCallMessage(ToolCallPayload Payload) : VoiceMessage
{
    public override string Type => MessageTypes.ToolCall;
}

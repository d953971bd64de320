using Parley.Protocol.Payloads;

namespace Parley.Protocol.Messages;

/// <summary>Server: the session exists.</summary>
public sealed record StartedMessage(StartedPayload Payload) : VoiceMessage
{
    public override string Type => MessageTypes.Started;
}

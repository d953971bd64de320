using Parley.Protocol.Payloads;

namespace Parley.Protocol.Messages;

/// <summary>Client: a user turn given as text.</summary>
public sealed record TextMessage(TextPayload Payload) : VoiceMessage
{
    public override string Type => MessageTypes.Text;
}

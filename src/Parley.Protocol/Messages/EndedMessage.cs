using Parley.Protocol.Payloads;

namespace Parley.Protocol.Messages;

/// <summary>Server: the session is over; the socket closes after it.</summary>
public sealed record EndedMessage(EndedPayload Payload) : VoiceMessage
{
    public override string Type => MessageTypes.Ended;
}

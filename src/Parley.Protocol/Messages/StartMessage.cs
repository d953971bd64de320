using Parley.Protocol.Payloads;

namespace Parley.Protocol.Messages;

/// <summary>Client: open the session; must be the first frame.</summary>
public sealed record StartMessage(StartPayload Payload) : VoiceMessage
{
    public override string Type => MessageTypes.Start;
}

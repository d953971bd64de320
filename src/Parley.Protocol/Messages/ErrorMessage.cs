using Parley.Protocol.Payloads;

namespace Parley.Protocol.Messages;

/// <summary>Server: something went wrong; see the code.</summary>
public sealed record ErrorMessage(ErrorPayload Payload) : VoiceMessage
{
    public override string Type => MessageTypes.Error;
}

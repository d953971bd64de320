using Parley.Protocol.Payloads;

namespace Parley.Protocol.Messages;

/// <summary>Server: sources behind what the agent says.</summary>
public sealed record CitationMessage(CitationPayload Payload) : VoiceMessage
{
    public override string Type => MessageTypes.Citation;
}

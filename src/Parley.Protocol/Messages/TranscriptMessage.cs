using Parley.Protocol.Payloads;

namespace Parley.Protocol.Messages;

/// <summary>Server: live transcription of the user or the agent.</summary>
public sealed record TranscriptMessage(TranscriptPayload Payload) : VoiceMessage
{
    public override string Type => MessageTypes.Transcript;
}

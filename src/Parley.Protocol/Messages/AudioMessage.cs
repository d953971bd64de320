using Parley.Protocol.Payloads;

namespace Parley.Protocol.Messages;

/// <summary>Audio in either direction: microphone PCM16 at 16 kHz in, agent speech at 24 kHz out.</summary>
public sealed record AudioMessage(AudioPayload Payload) : VoiceMessage
{
    public override string Type => MessageTypes.Audio;
}

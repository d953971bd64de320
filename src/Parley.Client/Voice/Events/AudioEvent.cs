using Parley.Protocol;

namespace Parley.Client.Voice.Events;

/// <summary><c>audio</c>: agent speech, PCM16 little-endian mono at 24 kHz, to play in order.</summary>
public sealed record AudioEvent(ReadOnlyMemory<byte> Pcm) : VoiceEvent
{
    /// <summary>How long the chunk plays.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(Pcm.Length / 2.0 / AudioFormats.OutputSampleRate);
}

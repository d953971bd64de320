namespace Parley.Client.Audio;

/// <summary>PCM16 mono audio read from a WAV file: the little-endian bytes and their rate.</summary>
public sealed record WavAudio(byte[] Pcm, int SampleRate)
{
    /// <summary>How long it plays.</summary>
    public TimeSpan Duration => Pcm16.Duration(Pcm.Length, SampleRate);
}

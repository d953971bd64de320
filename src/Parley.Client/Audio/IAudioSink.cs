namespace Parley.Client.Audio;

/// <summary>Where audio goes (a speaker): PCM16 little-endian mono at <see cref="SampleRate"/>.</summary>
public interface IAudioSink : IAsyncDisposable
{
    /// <summary>What plays, for messages (e.g. <c>pacat (PulseAudio)</c>).</summary>
    string Description { get; }

    int SampleRate { get; }

    /// <summary>Hands audio to the device; it plays after what was written before.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> pcm, CancellationToken cancellationToken = default);
}

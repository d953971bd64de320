namespace Parley.Client.Audio;

/// <summary>Where audio comes from (a microphone): PCM16 little-endian mono at <see cref="SampleRate"/>.</summary>
public interface IAudioSource : IAsyncDisposable
{
    /// <summary>What records, for messages (e.g. <c>parec (PulseAudio)</c>).</summary>
    string Description { get; }

    int SampleRate { get; }

    /// <summary>Chunks of <paramref name="chunkBytes"/> bytes as they are recorded, until the source ends or the token is cancelled.</summary>
    IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync(int chunkBytes, CancellationToken cancellationToken = default);
}

namespace Parley.Client.Audio;

/// <summary>Writes a PCM16 mono WAV file as audio arrives; the header's sizes are set when it is disposed.</summary>
public sealed class WavWriter : IAsyncDisposable, IDisposable
{
    private readonly Stream _stream;
    private readonly int _sampleRate;
    private long _dataBytes;

    /// <summary>Creates (or replaces) the file at <paramref name="path"/>.</summary>
    public WavWriter(string path, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        _sampleRate = sampleRate;
        _stream = File.Create(path);
        _stream.Write(WavFile.Header(0, sampleRate));
    }

    /// <summary>How long the audio written so far plays.</summary>
    public TimeSpan Duration => Pcm16.Duration(_dataBytes, _sampleRate);

    /// <summary>The audio bytes written so far.</summary>
    public long DataBytes => _dataBytes;

    /// <summary>Appends PCM16 little-endian mono audio.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> pcm, CancellationToken cancellationToken = default)
    {
        await _stream.WriteAsync(pcm, cancellationToken).ConfigureAwait(false);
        _dataBytes += pcm.Length;
    }

    public async ValueTask DisposeAsync()
    {
        _stream.Position = 0;
        await _stream.WriteAsync(WavFile.Header((int)Math.Min(_dataBytes, int.MaxValue - 36), _sampleRate)).ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stream.Position = 0;
        _stream.Write(WavFile.Header((int)Math.Min(_dataBytes, int.MaxValue - 36), _sampleRate));
        _stream.Dispose();
    }
}

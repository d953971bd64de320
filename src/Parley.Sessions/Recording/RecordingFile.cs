using System.Runtime.InteropServices;
using Parley.Storage;
using Parley.Storage.Files;

namespace Parley.Sessions.Recording;

/// <summary>One recording being written: its row (made first, <c>writing</c>) and its PCM16 bytes, appended as they come.</summary>
internal sealed class RecordingFile : IAsyncDisposable
{
    private readonly RecordingSetup _setup;
    private readonly IFileContentWriter _writer;
    private byte[] _bytes = new byte[4096];

    private RecordingFile(RecordingSetup setup, FileRecord row, IFileContentWriter writer, int sampleRate, int channels)
    {
        _setup = setup;
        Row = row;
        _writer = writer;
        SampleRate = sampleRate;
        Channels = channels;
    }

    public FileRecord Row { get; }

    public int SampleRate { get; }

    public int Channels { get; }

    /// <summary>Sample frames written (one per channel each).</summary>
    public long Frames => _writer.Length / (2 * Channels);

    /// <summary>How long the audio written lasts, in ms.</summary>
    public long DurationMs => Frames * 1000 / SampleRate;

    /// <summary>Records a new file of the session and opens its bytes.</summary>
    public static async Task<RecordingFile> CreateAsync(RecordingSetup setup, string kind, string name, int sampleRate, int channels)
    {
        var row = await setup.Files.CreateAsync(new FileRecord
        {
            Id = Ids.New(),
            TeamspaceId = setup.TeamspaceId,
            Kind = kind,
            Filename = name,
            MediaType = "audio/wav",
            MessageId = setup.MessageId,
            PcmSampleRate = sampleRate,
            PcmChannels = channels,
        }).ConfigureAwait(false);
        var writer = await setup.Content.CreateAsync(row.Id).ConfigureAwait(false);
        return new RecordingFile(setup, row, writer, sampleRate, channels);
    }

    /// <summary>Appends samples (interleaved when stereo).</summary>
    public ValueTask WriteAsync(ReadOnlySpan<short> samples)
    {
        var bytes = MemoryMarshal.AsBytes(samples);
        if (_bytes.Length < bytes.Length)
        {
            _bytes = new byte[bytes.Length];
        }

        // Little-endian PCM16 is what the machine holds (x64, arm64), so the samples go out as they are.
        bytes.CopyTo(_bytes);
        return _writer.WriteAsync(_bytes.AsMemory(0, bytes.Length));
    }

    /// <summary>Stores the rest of the bytes and marks the file ready (a clip with where it lies on the session's clock).</summary>
    public async Task CompleteAsync(AudioClipRecord? clip)
    {
        var length = await _writer.CompleteAsync().ConfigureAwait(false);
        var size = WavHeader.Length + length;
        if (clip is null)
        {
            await _setup.Files.CompleteAsync(Row.Id, size).ConfigureAwait(false);
        }
        else
        {
            await _setup.Files.CompleteClipAsync(clip, size).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the file (a clip that came to nothing).</summary>
    public async Task DiscardAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _setup.Files.DeleteByIdAsync(Row.Id).ConfigureAwait(false);
        await _setup.Content.DeleteAsync(Row.Id).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}

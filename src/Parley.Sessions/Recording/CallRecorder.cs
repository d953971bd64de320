using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Parley.Sessions.Recording;

/// <summary>Records one session: a clip per user utterance and per agent reply, and the whole call in stereo, written as they happen.</summary>
/// <remarks>
/// <para>
/// The listener and the replies hand it audio without waiting (a bounded queue of <see cref="RecordingOptions.MaxQueuedItems"/>),
/// so recording adds no latency to a turn; one background writer (<see cref="RecordingWriter"/>) puts it into files as
/// it goes, so a session's memory does not grow with its length. When storage falls so far behind that the queue is
/// full, audio is left out of the recording (counted and logged), never held up.
/// </para>
/// <para>The session owns the recorder: it starts it with the listener and awaits <see cref="CompleteAsync"/> when it ends.</para>
/// </remarks>
internal sealed partial class CallRecorder
{
    private readonly RecordingSetup _setup;
    private readonly Channel<RecorderItem> _items;
    private Task<RecordingResult>? _writer;
    private long _dropped;

    public CallRecorder(RecordingSetup setup)
    {
        _setup = setup;
        _items = Channel.CreateBounded<RecorderItem>(new BoundedChannelOptions(setup.Options.MaxQueuedItems)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails at once instead of dropping an older item
        });
    }

    /// <summary>Starts the background writer.</summary>
    public void Start() => _writer ??= Task.Run(WriteAsync);

    /// <summary>A frame the listener heard (copied: the listener reuses its buffer).</summary>
    public void UserFrame(ReadOnlySpan<short> frame, long recordedAt)
    {
        var copy = ArrayPool<short>.Shared.Rent(frame.Length);
        frame.CopyTo(copy);
        if (!Post(new RecorderItem.UserAudio(copy, frame.Length, recordedAt)))
        {
            ArrayPool<short>.Shared.Return(copy);
        }
    }

    /// <summary>An utterance began with the last <paramref name="frames"/> frames heard.</summary>
    public void UtteranceBegan(int frames) => Post(new RecorderItem.UtteranceBegan(frames));

    /// <summary>The utterance ended; <paramref name="kept"/> when it was a turn of the user's.</summary>
    public void UtteranceEnded(bool kept) => Post(new RecorderItem.UtteranceEnded(kept));

    /// <summary>A frame of <paramref name="reply"/> was sent to play at <paramref name="playsAt"/> (the samples are not changed afterwards, so they are not copied).</summary>
    public void AgentFrame(object reply, ReadOnlyMemory<short> samples, long playsAt) => Post(new RecorderItem.AgentAudio(reply, samples, playsAt));

    /// <summary><paramref name="reply"/> is over, and <paramref name="heard"/> of its audio played.</summary>
    public void ReplyEnded(object reply, TimeSpan heard) => Post(new RecorderItem.ReplyEnded(reply, heard));

    /// <summary>Writes what is queued, closes every file, and returns what was recorded.</summary>
    public async Task<RecordingResult> CompleteAsync()
    {
        _items.Writer.TryComplete();
        var result = _writer is null ? RecordingResult.None : await _writer.ConfigureAwait(false);
        while (_items.Reader.TryRead(out var left))
        {
            Release(left);
        }

        return result with { ItemsDropped = Interlocked.Read(ref _dropped) };
    }

    private bool Post(RecorderItem item)
    {
        if (_items.Writer.TryWrite(item))
        {
            return true;
        }

        if (Interlocked.Increment(ref _dropped) == 1)
        {
            LogFallingBehind(_setup.Logger, _setup.MessageId);
        }

        return false;
    }

    private async Task<RecordingResult> WriteAsync()
    {
        await using var writer = new RecordingWriter(_setup);
        var failed = false;
        try
        {
            await writer.StartAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogFailed(_setup.Logger, ex, _setup.MessageId);
            failed = true;
        }

        await foreach (var item in _items.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (!failed)
            {
                try
                {
                    await writer.HandleAsync(item).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    // Storage failed: the session goes on unrecorded; what was written so far is kept.
                    LogFailed(_setup.Logger, ex, _setup.MessageId);
                    failed = true;
                }
            }

            Release(item);
        }

        try
        {
            return await writer.FinishAsync(failed).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogFailed(_setup.Logger, ex, _setup.MessageId);
            return RecordingResult.None;
        }
    }

    // The writer keeps the frames it needs (a copy in its pre-roll ring); the pooled buffer goes back here.
    private static void Release(RecorderItem item)
    {
        if (item is RecorderItem.UserAudio audio)
        {
            ArrayPool<short>.Shared.Return(audio.Samples);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording of message {MessageId} fell behind (storage too slow): audio is left out of it until it catches up.")]
    private static partial void LogFallingBehind(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording of message {MessageId} failed; the session goes on unrecorded from here.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string messageId);
}

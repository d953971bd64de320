namespace Parley.Sessions.Recording;

/// <summary>The whole call as one stereo stream at 24 kHz, the user left and the agent right on the session's clock, written as it goes.</summary>
/// <remarks>
/// Audio is laid in a window of bounded length at its place on the clock; the oldest part is written out once nothing
/// can land there any more (the caller says how far that is, <see cref="WriteUntilAsync"/>), or when the window is full.
/// What has no audio is silence; <c>write</c> takes the interleaved samples written out (and must be done with them when it returns). Audio that would land before what was already written is dropped: by then the
/// recording has moved on (a client that stopped sending for longer than the window).
/// </remarks>
internal sealed class CallTrack(Func<ReadOnlyMemory<short>, ValueTask> write, int windowFrames)
{
    /// <summary>The track's rate: the agent's, so its audio goes in as it was played.</summary>
    public const int SampleRate = 24_000;

    public const int Left = 0;
    public const int Right = 1;

    private readonly short[] _window = new short[windowFrames * 2];

    /// <summary>The sample frame at the window's start: everything before it is written.</summary>
    public long Written { get; private set; }

    /// <summary>One past the last sample frame that holds audio.</summary>
    public long End { get; private set; }

    /// <summary>Lays samples on one channel from sample frame <paramref name="position"/> on.</summary>
    public async ValueTask PlaceAsync(int channel, long position, ReadOnlyMemory<short> samples)
    {
        if (position < Written)
        {
            var late = (int)Math.Min(samples.Length, Written - position);
            samples = samples[late..];
            position += late;
        }

        if (samples.Length == 0)
        {
            return;
        }

        if (position + samples.Length > Written + windowFrames)
        {
            await WriteUntilAsync(position + samples.Length - windowFrames).ConfigureAwait(false);
        }

        var at = (int)(position - Written) * 2 + channel;
        var span = samples.Span;
        for (var i = 0; i < span.Length; i++)
        {
            _window[at + (2 * i)] = span[i];
        }

        End = Math.Max(End, position + samples.Length);
    }

    /// <summary>Writes out everything before sample frame <paramref name="until"/> (silence where nothing was laid).</summary>
    public async ValueTask WriteUntilAsync(long until)
    {
        while (until > Written)
        {
            var count = (int)Math.Min(until - Written, windowFrames);
            await write(_window.AsMemory(0, count * 2)).ConfigureAwait(false);
            _window.AsSpan(count * 2).CopyTo(_window);
            _window.AsSpan((windowFrames - count) * 2).Clear();
            Written += count;
        }
    }

    /// <summary>Writes out everything laid so far.</summary>
    public ValueTask FlushAsync() => WriteUntilAsync(End);
}

namespace Parley.Telephony.Media;

/// <summary>
/// Plays the agent's audio down a phone line: 20 ms µ-law frames paced at real time, a mark after each piece, and a
/// <c>clear</c> the moment the line must fall silent. Knows what the carrier confirmed playing, and keeps what it did
/// not, to play again.
/// </summary>
/// <remarks>
/// <para>
/// One loop sends everything the carrier gets (media, marks, clears), so they go out in order. The session sends
/// agent audio a little ahead of real time; the loop sends it on no more than <see cref="TelephonyOptions.LineLead"/>
/// ahead of the line's own playback, so what a <c>clear</c> has to drop at the carrier is small, and on a carrier
/// without <c>clear</c> the caller would still hear the agent stop within the lead.
/// </para>
/// <para>
/// Marks: each one names a position of the session's output; the carrier sends it back once the audio before it has
/// played, which is what <see cref="Played"/> reports. A <c>clear</c> also sends back every pending mark, though that
/// audio was not played: marks out on the line when a clear is sent are void, and only marks sent after it count.
/// Frames up to the last confirmed mark are let go; the rest are kept until confirmed, so a paused line can play them
/// again from there (the start of the piece that was cut).
/// </para>
/// </remarks>
internal sealed class LinePlayer
{
    private static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);

    private readonly ICarrierMediaFormat _format;
    private readonly string _streamId;
    private readonly Func<byte[], ValueTask> _send;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lead;
    private readonly int _maxFrames;
    private readonly Lock _gate = new();
    private readonly AgentAudio _audio = new();
    private readonly List<LineFrame> _frames = [];
    private readonly List<long> _expected = [];
    private readonly Dictionary<string, long> _marksOut = new(StringComparer.Ordinal);
    private readonly List<(long Position, TaskCompletionSource Done)> _waiters = [];
    private TaskCompletionSource _wakeup = NewSignal();
    private Task _loop = Task.CompletedTask;
    private int _cursor;
    private int _nextMark;
    private long _markSerial;
    private long _flushedUpTo;
    private long _played;
    private bool _paused;
    private bool _clearPending;
    private bool _stopped;
    private bool _clockRunning;
    private bool _sentSinceClear;
    private long _clearsQueued;
    private long _clockStart;
    private TimeSpan _clockSent;

    public LinePlayer(ICarrierMediaFormat format, string streamId, Func<byte[], ValueTask> send, TimeProvider time, TelephonyOptions options)
    {
        _format = format;
        _streamId = streamId;
        _send = send;
        _time = time;
        _lead = options.LineLead;
        _maxFrames = (int)Math.Ceiling(options.MaxLineBacklog / FrameDuration);
    }

    /// <summary>The output position up to which the carrier confirmed playing.</summary>
    public long Played => Interlocked.Read(ref _played);

    /// <summary>Frames, marks and clears sent so far, for the call's log.</summary>
    public (long Frames, long Marks, long Clears) Counts => (Interlocked.Read(ref _framesSent), Interlocked.Read(ref _marksSent), Interlocked.Read(ref _clearsSent));

    private long _framesSent;
    private long _marksSent;
    private long _clearsSent;

    /// <summary>Starts the loop; <see cref="StopAsync"/> ends and awaits it.</summary>
    public void Start() => _loop = RunAsync();

    /// <summary>Agent audio (24 kHz) to play after what is queued.</summary>
    public void Enqueue(ReadOnlySpan<short> samples)
    {
        lock (_gate)
        {
            _audio.Add(samples, _frames);

            // A piece ends within what came: its last part-frame goes out now, so the mark after it is not held back.
            if (_expected.Any(p => p > _flushedUpTo && p <= _audio.Received))
            {
                _audio.Finish(_frames);
                _flushedUpTo = _audio.Received;
            }

            // Bounded: played frames kept only to play again are let go first.
            var excess = Math.Min(_frames.Count - _maxFrames, _cursor);
            if (excess > 0)
            {
                _frames.RemoveRange(0, excess);
                _cursor -= excess;
            }
        }

        Wake();
    }

    /// <summary>Have the carrier confirm when the audio up to <paramref name="position"/> has played.</summary>
    public void ExpectMark(long position)
    {
        lock (_gate)
        {
            if (position > _played && !_expected.Contains(position))
            {
                var at = _expected.FindIndex(p => p > position);
                _expected.Insert(at < 0 ? _expected.Count : at, position);
            }
        }

        Wake();
    }

    /// <summary>Completes once <see cref="Played"/> reaches <paramref name="position"/>, the audio is dropped, or the line stops.</summary>
    public Task WhenPlayedAsync(long position, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_played >= position || _stopped)
            {
                return Task.CompletedTask;
            }

            var done = NewSignal();
            _waiters.Add((position, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A mark came back: confirmed, unless it was out on the line when a clear was sent.</summary>
    public void MarkReturned(string name)
    {
        lock (_gate)
        {
            if (!_marksOut.Remove(name, out var position))
            {
                return;
            }

            _played = Math.Max(_played, position);
            foreach (var (markName, markPosition) in _marksOut.Where(m => m.Value <= position).ToList())
            {
                _marksOut.Remove(markName);
            }

            var confirmedMarks = _expected.Count(p => p <= position);
            _expected.RemoveRange(0, confirmedMarks);
            _nextMark = Math.Max(0, _nextMark - confirmedMarks);
            var confirmedFrames = Math.Min(_frames.FindIndex(f => f.End > position) is var next and >= 0 ? next : _frames.Count, _cursor);
            _frames.RemoveRange(0, confirmedFrames);
            _cursor -= confirmedFrames;
            CompleteWaiters(all: false);
        }
    }

    /// <summary>Silences the line now, keeping what it has not confirmed, from the last mark confirmed.</summary>
    public void Pause()
    {
        lock (_gate)
        {
            if (_paused)
            {
                return;
            }

            _paused = true;
            ClearLine();
            _cursor = 0;
        }

        Wake();
    }

    /// <summary>Plays again what <see cref="Pause"/> kept, then what came meanwhile.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _paused = false;
        }

        Wake();
    }

    /// <summary>The reply was cut off (<c>interrupted</c>): silences the line and drops every frame and mark held.</summary>
    public void Interrupt()
    {
        lock (_gate)
        {
            _paused = false;
            ClearLine();
            _frames.Clear();
            _cursor = 0;
            _expected.Clear();
            _audio.Reset();
            _flushedUpTo = _audio.Received;
            CompleteWaiters(all: true);
        }

        Wake();
    }

    /// <summary>Stops the loop (the call is ending) and waits for it.</summary>
    public async Task StopAsync()
    {
        lock (_gate)
        {
            _stopped = true;
            CompleteWaiters(all: true);
        }

        Wake();
        await _loop.ConfigureAwait(false);
    }

    private void ClearLine()
    {
        _clearPending = true;
        _clearsQueued++;
        _marksOut.Clear();
        _nextMark = 0;
    }

    private void CompleteWaiters(bool all)
    {
        foreach (var waiter in _waiters.Where(w => all || w.Position <= _played).ToList())
        {
            waiter.Done.TrySetResult();
            _waiters.Remove(waiter);
        }
    }

    private void Wake()
    {
        TaskCompletionSource wakeup;
        lock (_gate)
        {
            wakeup = _wakeup;
            _wakeup = NewSignal();
        }

        wakeup.TrySetResult();
    }

    private async Task RunAsync()
    {
        var marks = new List<byte[]>();
        while (true)
        {
            byte[]? message = null;
            long? anchorClears = null; // Set when this message starts the line's clock: the clears queued by then.
            var wait = Timeout.InfiniteTimeSpan;
            Task wakeup;
            marks.Clear();
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }

                wakeup = _wakeup.Task;
                if (_clearPending && !_sentSinceClear)
                {
                    _clearPending = false; // Nothing went down the line since the last clear: there is nothing to drop.
                    continue;
                }

                if (_clearPending)
                {
                    _clearPending = false;
                    _sentSinceClear = false;
                    _clockRunning = false; // The carrier holds nothing now: the next frame starts the line's clock again.
                    message = _format.Clear(_streamId);
                    Interlocked.Increment(ref _clearsSent);
                }
                else if (!_paused && _cursor < _frames.Count)
                {
                    if (!_clockRunning || _time.GetElapsedTime(_clockStart) > _clockSent)
                    {
                        // First audio, or the line ran dry: its playback starts again with this frame, once the carrier has it.
                        // The clock is set now and set again when the frame has left (below): a first send can be slow (a
                        // cold path, a busy machine), and the carrier's playback starts only as the frame arrives; counted
                        // from here, every frame after would go out that much more ahead of the line (a clear in a test
                        // dropped 200 ms with an 80 ms lead).
                        _clockRunning = true;
                        _clockStart = _time.GetTimestamp();
                        _clockSent = TimeSpan.Zero;
                        anchorClears = _clearsQueued;
                    }

                    var due = _clockSent - _lead - _time.GetElapsedTime(_clockStart);
                    if (due > TimeSpan.Zero)
                    {
                        wait = due;
                    }
                    else
                    {
                        var frame = _frames[_cursor++];
                        _clockSent += FrameDuration;
                        _sentSinceClear = true;
                        message = _format.Media(_streamId, frame.Payload);
                        Interlocked.Increment(ref _framesSent);
                        while (_nextMark < _expected.Count && _expected[_nextMark] <= frame.End)
                        {
                            var name = $"m{++_markSerial}";
                            _marksOut[name] = _expected[_nextMark++];
                            marks.Add(_format.Mark(_streamId, name));
                            Interlocked.Increment(ref _marksSent);
                        }
                    }
                }
            }

            if (message is not null)
            {
                await _send(message).ConfigureAwait(false);
                if (anchorClears is { } clearsBefore)
                {
                    lock (_gate)
                    {
                        if (_clockRunning && _clearsQueued == clearsBefore)
                        {
                            _clockStart = _time.GetTimestamp(); // The first frame has left: the line plays it from about now.
                        }
                    }
                }

                foreach (var mark in marks)
                {
                    await _send(mark).ConfigureAwait(false);
                }

                continue;
            }

            await (wait == Timeout.InfiniteTimeSpan ? wakeup : Task.WhenAny(wakeup, Task.Delay(wait, _time))).ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

using Microsoft.Extensions.Time.Testing;
using Parley.Client.Audio;

namespace Parley.Client.Tests.Audio;

public sealed class PlaybackQueueTests
{
    [Fact]
    public async Task Audio_plays_in_order_at_real_time_pace()
    {
        var sink = new RecordingSink();
        var time = new FakeTimeProvider();
        await using var queue = new PlaybackQueue(sink, lead: TimeSpan.FromMilliseconds(100), time);
        queue.Enqueue(Pcm16.ToBytes([.. Enumerable.Repeat((short)1, 4800)]));
        queue.Enqueue(Pcm16.ToBytes([.. Enumerable.Repeat((short)2, 4800)]));

        await PlayForAsync(time, sink, TimeSpan.FromMilliseconds(150), lead: TimeSpan.FromMilliseconds(100), queued: TimeSpan.FromMilliseconds(400));
        Assert.InRange(sink.Duration.TotalMilliseconds, 100, 330); // Handed over no faster than it plays.
        Assert.True(queue.IsPlaying);

        await AdvanceUntilAsync(time, () => sink.Bytes == 19200);
        var samples = Pcm16.ToSamples(sink.All);
        Assert.Equal(Enumerable.Repeat((short)1, 4800).Concat(Enumerable.Repeat((short)2, 4800)), samples);
    }

    [Fact]
    public async Task Flush_drops_everything_not_yet_played_at_once()
    {
        var sink = new RecordingSink();
        var time = new FakeTimeProvider();
        await using var queue = new PlaybackQueue(sink, lead: TimeSpan.FromMilliseconds(100), time);
        queue.Enqueue(new byte[48000]); // 1 s.
        await PlayForAsync(time, sink, TimeSpan.FromMilliseconds(200), lead: TimeSpan.FromMilliseconds(100), queued: TimeSpan.FromSeconds(1));

        queue.Flush();
        var atFlush = sink.Duration;
        Assert.Equal(TimeSpan.Zero, queue.Pending);
        time.Advance(TimeSpan.FromMilliseconds(400));
        await Task.Delay(50);

        Assert.Equal(atFlush, sink.Duration);
        Assert.InRange(atFlush.TotalMilliseconds, 100, 450);

        queue.Enqueue(new byte[960]); // Plays on after a flush.
        await AdvanceUntilAsync(time, () => sink.Duration - atFlush == TimeSpan.FromMilliseconds(20));
    }

    /// <summary>
    /// Plays <paramref name="span"/> on the fake clock in 10 ms steps, each once the queue has handed over all it may
    /// (the lead ahead of the clock): the clock never runs ahead of the pump, as a real one can on a busy machine.
    /// </summary>
    private static async Task PlayForAsync(FakeTimeProvider time, RecordingSink sink, TimeSpan span, TimeSpan lead, TimeSpan queued)
    {
        var step = TimeSpan.FromMilliseconds(10);
        await WaitForAsync(() => sink.Duration >= Min(lead, queued));
        for (var elapsed = step; elapsed <= span; elapsed += step)
        {
            time.Advance(step);
            var due = Min(elapsed + lead, queued);
            await WaitForPumpAsync(time, () => sink.Duration >= due);
        }
    }

    /// <summary>
    /// Waits for <paramref name="condition"/>; when it does not come within 100 ms of real time, moves the clock on by
    /// 1 ms. The pump reads the clock, then sets its timer from the clock's time then: an advance landing between the
    /// two (a CI run at load hit it) leaves the timer set that much later, due on a clock nothing else moves.
    /// </summary>
    private static async Task WaitForPumpAsync(FakeTimeProvider time, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        var nudgeAt = DateTime.UtcNow + TimeSpan.FromMilliseconds(100);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            if (DateTime.UtcNow >= nudgeAt)
            {
                time.Advance(TimeSpan.FromMilliseconds(1));
                nudgeAt = DateTime.UtcNow + TimeSpan.FromMilliseconds(100);
            }

            await Task.Delay(20);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Moves the fake clock on in 10 ms steps until <paramref name="condition"/> holds, giving the pump real time to act on each.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(5);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(20);
        }
    }

    private sealed class RecordingSink : IAudioSink
    {
        private readonly MemoryStream _written = new();

        public string Description => "recording";

        public int SampleRate => 24000;

        public long Bytes
        {
            get
            {
                lock (_written)
                {
                    return _written.Length;
                }
            }
        }

        public TimeSpan Duration => Pcm16.Duration(Bytes, SampleRate);

        public byte[] All
        {
            get
            {
                lock (_written)
                {
                    return _written.ToArray();
                }
            }
        }

        public ValueTask WriteAsync(ReadOnlyMemory<byte> pcm, CancellationToken cancellationToken = default)
        {
            lock (_written)
            {
                _written.Write(pcm.Span);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

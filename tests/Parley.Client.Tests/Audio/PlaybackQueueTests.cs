using Parley.Client.Audio;

namespace Parley.Client.Tests.Audio;

public sealed class PlaybackQueueTests
{
    [Fact]
    public async Task Audio_plays_in_order_at_real_time_pace()
    {
        var sink = new RecordingSink();
        await using var queue = new PlaybackQueue(sink, lead: TimeSpan.FromMilliseconds(100));
        queue.Enqueue(Pcm16.ToBytes([.. Enumerable.Repeat((short)1, 4800)]));
        queue.Enqueue(Pcm16.ToBytes([.. Enumerable.Repeat((short)2, 4800)]));

        await Task.Delay(150);
        Assert.InRange(sink.Duration.TotalMilliseconds, 100, 330); // Handed over no faster than it plays.
        Assert.True(queue.IsPlaying);

        await WaitForAsync(() => sink.Bytes == 19200);
        var samples = Pcm16.ToSamples(sink.All);
        Assert.Equal(Enumerable.Repeat((short)1, 4800).Concat(Enumerable.Repeat((short)2, 4800)), samples);
    }

    [Fact]
    public async Task Flush_drops_everything_not_yet_played_at_once()
    {
        var sink = new RecordingSink();
        await using var queue = new PlaybackQueue(sink, lead: TimeSpan.FromMilliseconds(100));
        queue.Enqueue(new byte[48000]); // 1 s.
        await Task.Delay(200);

        queue.Flush();
        var atFlush = sink.Duration;
        Assert.Equal(TimeSpan.Zero, queue.Pending);
        await Task.Delay(400);

        Assert.Equal(atFlush, sink.Duration);
        Assert.InRange(atFlush.TotalMilliseconds, 100, 450);

        queue.Enqueue(new byte[960]); // Plays on after a flush.
        await WaitForAsync(() => sink.Duration - atFlush == TimeSpan.FromMilliseconds(20));
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

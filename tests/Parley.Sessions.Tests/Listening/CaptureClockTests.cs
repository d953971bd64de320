using Microsoft.Extensions.Time.Testing;
using Parley.Sessions.Listening;

namespace Parley.Sessions.Tests.Listening;

public sealed class CaptureClockTests
{
    private const int Chunk = 4096; // 256 ms at 16 kHz
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Chunks_delayed_and_bunched_are_placed_where_the_audio_says_they_were_recorded()
    {
        var clock = new CaptureClock(_time, 16000);
        var start = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromMilliseconds(256));
        Assert.Equal(256, Ms(clock.ChunkArrived(Chunk).RecordedUntil - start));

        // The next three are held up by a busy server and arrive together, 900 ms late.
        _time.Advance(TimeSpan.FromMilliseconds(256 * 3 + 900));
        Assert.Equal(512, Ms(clock.ChunkArrived(Chunk).RecordedUntil - start));
        Assert.Equal(768, Ms(clock.ChunkArrived(Chunk).RecordedUntil - start));
        Assert.Equal(1024, Ms(clock.ChunkArrived(Chunk).RecordedUntil - start));
    }

    [Fact]
    public void A_pause_in_sending_longer_than_any_delay_starts_the_clock_again()
    {
        var clock = new CaptureClock(_time, 16000);
        var start = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromMilliseconds(256));
        clock.ChunkArrived(Chunk);

        _time.Advance(TimeSpan.FromSeconds(10)); // muted for ~10 s
        Assert.Equal(10256, Ms(clock.ChunkArrived(Chunk).RecordedUntil - start));
    }

    [Fact]
    public void Chunks_in_step_with_the_wall_clock_are_not_early_however_they_are_delayed()
    {
        var clock = new CaptureClock(_time, 16000);
        _time.Advance(TimeSpan.FromMilliseconds(256));
        Assert.False(clock.ChunkArrived(Chunk).Early);
        _time.Advance(TimeSpan.FromMilliseconds(256 * 2 + 900)); // a busy server reads two late
        Assert.False(clock.ChunkArrived(Chunk).Early);
        Assert.False(clock.ChunkArrived(Chunk).Early);
        _time.Advance(TimeSpan.FromMilliseconds(256));
        Assert.False(clock.ChunkArrived(Chunk).Early);
    }

    [Fact]
    public void Audio_sent_faster_than_real_time_is_early_once_it_runs_ahead_of_the_clock()
    {
        var clock = new CaptureClock(_time, 16000);
        _time.Advance(TimeSpan.FromMilliseconds(256));
        var early = new List<bool>();
        for (var i = 0; i < 6; i++)
        {
            early.Add(clock.ChunkArrived(Chunk).Early);
            _time.Advance(TimeSpan.FromMilliseconds(256 / 6.0)); // six times real time
        }

        // 213 ms ahead after the second chunk, 427 after the third: beyond jitter from there on.
        Assert.Equal([false, false, true, true, true, true], early);

        // Back to real time: in step again, from the clock the burst set.
        _time.Advance(TimeSpan.FromMilliseconds(256));
        Assert.False(clock.ChunkArrived(Chunk).Early);
    }

    private long Ms(long ticks) => (long)Math.Round(ticks * 1000.0 / _time.TimestampFrequency);
}

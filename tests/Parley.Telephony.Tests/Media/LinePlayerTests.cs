using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Parley.Telephony;
using Parley.Telephony.Media;
using Parley.Telephony.Twilio;

namespace Parley.Telephony.Tests.Media;

/// <summary>The line player on a fake clock: pacing, marks after pieces, clear, pause and replay.</summary>
public sealed class LinePlayerTests : IAsyncLifetime
{
    private const int SamplesPer20Ms = 480; // 24 kHz
    private readonly FakeTimeProvider _time = new();
    private readonly List<JsonElement> _sent = [];
    private readonly Lock _gate = new();
    private readonly LinePlayer _line;

    public LinePlayerTests()
    {
        _line = new LinePlayer(TwilioMediaFormat.Instance, "MZ1", Record, _time, new TelephonyOptions { LineLead = TimeSpan.FromMilliseconds(80) });
        _line.Start();
    }

    private List<string> Kinds
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent.Select(m => m.GetProperty("event").GetString()!)];
            }
        }
    }

    [Fact]
    public async Task Audio_goes_down_in_20_ms_frames_at_real_time_a_lead_ahead()
    {
        _line.Enqueue(Speech(SamplesPer20Ms * 50)); // One second at once, as a burst from the session.
        await SettleAsync();
        Assert.Equal(5, Kinds.Count(k => k == "media")); // The 80 ms lead and the frame due now.

        for (var step = 1; step <= 10; step++)
        {
            await AdvanceAsync(TimeSpan.FromMilliseconds(20));
            Assert.Equal(5 + step, Kinds.Count(k => k == "media"));
        }

        lock (_gate)
        {
            var payload = Convert.FromBase64String(_sent[0].GetProperty("media").GetProperty("payload").GetString()!);
            Assert.Equal(160, payload.Length); // 20 ms of µ-law at 8 kHz.
            Assert.Equal("MZ1", _sent[0].GetProperty("streamSid").GetString());
        }
    }

    [Fact]
    public async Task A_slow_first_send_does_not_put_the_rest_of_the_speech_further_ahead_of_the_line_than_the_lead()
    {
        // A carrier that plays each frame from when it arrives (or when the one before ends), and notes how much it already
        // held as each arrived; the first send takes 30 ms, as a cold path or a busy machine can make it.
        var held = new List<double>();
        var playEnd = DateTimeOffset.MinValue;
        var first = true;
        var line = new LinePlayer(TwilioMediaFormat.Instance, "MZ2", message =>
        {
            if (JsonDocument.Parse(message).RootElement.GetProperty("event").GetString() == "media")
            {
                if (first)
                {
                    first = false;
                    _time.Advance(TimeSpan.FromMilliseconds(30));
                }

                var arrived = _time.GetUtcNow();
                var start = arrived > playEnd ? arrived : playEnd;
                lock (held)
                {
                    held.Add((start - arrived).TotalMilliseconds);
                }

                playEnd = start + TimeSpan.FromMilliseconds(20);
            }

            return ValueTask.CompletedTask;
        }, _time, new TelephonyOptions { LineLead = TimeSpan.FromMilliseconds(80) });
        line.Start();
        try
        {
            line.Enqueue(Speech(SamplesPer20Ms * 50));
            await AdvanceAsync(TimeSpan.FromMilliseconds(600));
        }
        finally
        {
            await line.StopAsync();
        }

        lock (held)
        {
            Assert.True(held.Count >= 30, $"only {held.Count} frames went out");
            Assert.True(held.Max() <= 80, $"the carrier held up to {held.Max():F0} ms as a frame arrived; the lead is 80 ms");
        }
    }

    [Fact]
    public async Task A_mark_follows_the_last_frame_of_each_piece_and_confirms_it_when_it_comes_back()
    {
        _line.ExpectMark(SamplesPer20Ms * 5); // A piece of 100 ms, then another of 100 ms.
        _line.ExpectMark(SamplesPer20Ms * 10);
        _line.Enqueue(Speech(SamplesPer20Ms * 5));
        _line.Enqueue(Speech(SamplesPer20Ms * 5));
        var firstPieceHeard = _line.WhenPlayedAsync(SamplesPer20Ms * 5, CancellationToken.None);
        await AdvanceAsync(TimeSpan.FromMilliseconds(300));

        Assert.Equal(["media", "media", "media", "media", "media", "mark", "media", "media", "media", "media", "media", "mark"], Kinds);
        Assert.Equal(0, _line.Played);
        Assert.False(firstPieceHeard.IsCompleted);

        _line.MarkReturned(MarkName(0));
        Assert.Equal(SamplesPer20Ms * 5, _line.Played);
        await firstPieceHeard;
    }

    [Fact]
    public async Task A_mark_sent_back_by_a_clear_confirms_nothing()
    {
        _line.ExpectMark(SamplesPer20Ms * 5);
        _line.Enqueue(Speech(SamplesPer20Ms * 5));
        await AdvanceAsync(TimeSpan.FromMilliseconds(40));
        Assert.Contains("mark", Kinds);

        _line.Interrupt();
        await SettleAsync();
        _line.MarkReturned(MarkName(0)); // The carrier returns pending marks on clear.

        Assert.Equal("clear", Kinds[^1]);
        Assert.Equal(0, _line.Played);
    }

    [Fact]
    public async Task Pause_clears_at_once_and_resume_plays_again_from_the_last_confirmed_mark()
    {
        _line.ExpectMark(SamplesPer20Ms * 5);
        _line.ExpectMark(SamplesPer20Ms * 15);
        _line.Enqueue(Speech(SamplesPer20Ms * 5));
        _line.Enqueue(Speech(SamplesPer20Ms * 10));
        await AdvanceAsync(TimeSpan.FromMilliseconds(100));
        _line.MarkReturned(MarkName(0)); // The first piece played.
        await AdvanceAsync(TimeSpan.FromMilliseconds(40));
        var beforePause = Kinds.Count;

        _line.Pause();
        await SettleAsync();
        Assert.Equal("clear", Kinds[^1]); // At once, not at the next frame's time.
        await AdvanceAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(beforePause + 1, Kinds.Count); // Silent while paused.

        _line.Resume();
        await AdvanceAsync(TimeSpan.FromMilliseconds(400));
        var replayed = Kinds.Skip(beforePause + 1).ToList();
        Assert.Equal(10, replayed.Count(k => k == "media")); // The whole second piece, from its start.
        Assert.Equal("mark", replayed[^1]);
        _line.MarkReturned(MarkName(0)); // A mark from before the pause is void now...
        Assert.Equal(SamplesPer20Ms * 5, _line.Played);
        _line.MarkReturned(LastMarkName()); // ...the one sent after the replay counts.
        Assert.Equal(SamplesPer20Ms * 15, _line.Played);
    }

    [Fact]
    public async Task Interrupt_drops_everything_held_and_frees_who_waits()
    {
        _line.ExpectMark(SamplesPer20Ms * 50);
        _line.Enqueue(Speech(SamplesPer20Ms * 50));
        var waiting = _line.WhenPlayedAsync(SamplesPer20Ms * 50, CancellationToken.None);
        await AdvanceAsync(TimeSpan.FromMilliseconds(100));

        _line.Interrupt();
        await AdvanceAsync(TimeSpan.FromMilliseconds(500));

        Assert.Equal("clear", Kinds[^1]);
        Assert.True(waiting.IsCompleted);
        Assert.Equal(0, _line.Played);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _line.StopAsync();

    private static short[] Speech(int samples) => [.. Enumerable.Range(0, samples).Select(i => (short)(8000 * Math.Sin(i * 0.1)))];

    private string MarkName(int index)
    {
        lock (_gate)
        {
            return _sent.Where(m => m.GetProperty("event").GetString() == "mark").ElementAt(index).GetProperty("mark").GetProperty("name").GetString()!;
        }
    }

    private string LastMarkName()
    {
        lock (_gate)
        {
            return _sent.Last(m => m.GetProperty("event").GetString() == "mark").GetProperty("mark").GetProperty("name").GetString()!;
        }
    }

    private ValueTask Record(byte[] message)
    {
        lock (_gate)
        {
            _sent.Add(JsonDocument.Parse(message).RootElement.Clone());
        }

        return ValueTask.CompletedTask;
    }

    private async Task AdvanceAsync(TimeSpan span)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += TimeSpan.FromMilliseconds(5))
        {
            await SettleAsync();
            _time.Advance(TimeSpan.FromMilliseconds(5));
        }

        await SettleAsync();
    }

    private static async Task SettleAsync()
    {
        // The loop runs on the thread pool; a few yields let it act on what the clock or the test changed.
        for (var i = 0; i < 8; i++)
        {
            await Task.Delay(1);
        }
    }
}

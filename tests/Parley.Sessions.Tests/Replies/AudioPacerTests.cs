using Microsoft.Extensions.Time.Testing;
using Parley.Sessions.Replies;

namespace Parley.Sessions.Tests.Replies;

public sealed class AudioPacerTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(40);
    private static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Audio_goes_out_at_once_up_to_the_lead_then_at_real_time()
    {
        var time = new FakeTimeProvider();
        var pacer = new AudioPacer(time, Lead);
        for (var i = 0; i < 8; i++)
        {
            var send = pacer.WaitToSendAsync(Frame, CancellationToken.None);
            Assert.True(send.IsCompleted, $"frame {i} within the lead waited");
            await send;
        }

        var ninth = pacer.WaitToSendAsync(Frame, CancellationToken.None).AsTask();
        Assert.False(ninth.IsCompleted); // 320 ms sent: 20 ms beyond the lead
        time.Advance(TimeSpan.FromMilliseconds(20));
        await ninth;
        Assert.Equal(TimeSpan.FromMilliseconds(360), pacer.Sent);
        Assert.Equal(TimeSpan.FromMilliseconds(20), pacer.Played);
    }

    [Fact]
    public async Task After_an_underrun_the_clock_resumes_when_audio_comes_again()
    {
        var time = new FakeTimeProvider();
        var pacer = new AudioPacer(time, Lead);
        await pacer.WaitToSendAsync(Frame, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1)); // synthesis was slow: the client played its 40 ms and waited
        Assert.Equal(Frame, pacer.Played);
        await pacer.WaitToSendAsync(Frame, CancellationToken.None);
        Assert.Equal(Frame, pacer.Played);
        time.Advance(TimeSpan.FromMilliseconds(40));
        Assert.Equal(2 * Frame, pacer.Played);
    }

    [Fact]
    public async Task Waiting_until_played_takes_what_is_left()
    {
        var time = new FakeTimeProvider();
        var pacer = new AudioPacer(time, Lead);
        await pacer.WaitToSendAsync(Frame, CancellationToken.None);
        await pacer.WaitToSendAsync(Frame, CancellationToken.None);
        var played = pacer.WaitUntilPlayedAsync(CancellationToken.None);
        Assert.False(played.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(80));
        await played;
    }

    [Fact]
    public async Task Cancelling_stops_a_wait()
    {
        var time = new FakeTimeProvider();
        var pacer = new AudioPacer(time, TimeSpan.Zero);
        await pacer.WaitToSendAsync(Frame, CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var waiting = pacer.WaitToSendAsync(Frame, cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}

using Microsoft.Extensions.Time.Testing;
using Parley.Sessions.Listening;
using Parley.Testing.Speech;

namespace Parley.Sessions.Tests.Listening;

public sealed class UtteranceEchoCheckTests
{
    private const int Rate = 16000;
    private static readonly short[] AgentVoice = TestSpeech.Say("I can tell you the time or the date, and do simple arithmetic, like twelve times seven.", "slt");
    private static readonly short[] UserVoice = TestSpeech.Voiced(TestSpeech.Say("wait, what time is it in new york", "rms"));
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Speech_that_is_all_echo_is_echo()
    {
        var (check, _) = Run(userFrom: null);
        Assert.True(check.IsEcho);
        Assert.True(check.EchoNow);
    }

    [Fact]
    public void A_person_talking_over_the_echo_is_heard_within_a_second_and_the_utterance_is_not_echo()
    {
        var (check, heardAfter) = Run(userFrom: TimeSpan.FromSeconds(1.5));
        Assert.False(check.IsEcho);
        Assert.InRange(heardAfter!.Value.TotalMilliseconds, 0, 1000);
    }

    [Fact]
    public void Echo_judged_on_a_little_of_an_utterance_that_mostly_came_faster_than_real_time_is_not_echo()
    {
        var (check, _) = Run(userFrom: null);
        Assert.True(check.IsEcho);
        for (var i = 0; i < 200; i++)
        {
            check.OnUnjudgedSpeech(); // the rest of the utterance arrived as a burst: its time is unknown
        }

        Assert.False(check.IsEcho);
        Assert.False(check.EchoNow);
    }

    private (UtteranceEchoCheck Check, TimeSpan? HeardAfter) Run(TimeSpan? userFrom)
    {
        var echo = new EchoDetector(_time);
        var start = _time.GetTimestamp();
        echo.AddPlayed(start, AgentVoice, Rate);
        var check = new UtteranceEchoCheck(echo, 0.8, TimeSpan.FromSeconds(1));
        check.Begin(start);
        var delay = Rate * 150 / 1000;
        var userStart = userFrom is { } from ? (int)(from.TotalSeconds * Rate) : int.MaxValue;
        TimeSpan? heardAfter = null;
        for (var i = 0; i + 512 <= AgentVoice.Length; i += 512)
        {
            var frame = new short[512];
            for (var j = 0; j < 512; j++)
            {
                var n = i + j;
                var echoed = n >= delay ? AgentVoice[n - delay] / 4 : 0;
                var user = n >= userStart && n - userStart < UserVoice.Length ? UserVoice[n - userStart] : 0;
                frame[j] = (short)Math.Clamp(echoed + user, short.MinValue, short.MaxValue);
            }

            var at = start + echo.Ticks(TimeSpan.FromSeconds((double)i / Rate));
            echo.AddHeard(at, frame, Rate);
            check.OnSpeech(at);
            if (!check.EchoNow && !check.IsEcho && heardAfter is null && userFrom is { } u && i >= userStart)
            {
                heardAfter = TimeSpan.FromSeconds((double)(i + 512) / Rate) - u;
            }
        }

        return (check, heardAfter);
    }
}

using Microsoft.Extensions.Time.Testing;
using Parley.Sessions.Listening;
using Parley.Testing.Speech;

namespace Parley.Sessions.Tests.Listening;

public sealed class EchoDetectorTests
{
    private const int Rate = 16000;
    private static readonly short[] AgentVoice = TestSpeech.Say("I can tell you the time or the date, and do simple arithmetic, like twelve times seven.", "slt");
    private static readonly short[] UserVoice = TestSpeech.Say("wait, what time is it in new york please", "rms");

    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(150, 0.25)]
    [InlineData(600, 0.1)]
    [InlineData(1200, 0.5)]
    public void The_agents_voice_delayed_and_quieter_is_echo(int delayMs, double gain)
    {
        var echo = Detector(out var start);
        var heard = Mix(Delayed(AgentVoice, delayMs, gain));
        Hear(echo, start, heard);
        Assert.True(echo.EchoLikeness(start) > 0.85, $"likeness {echo.EchoLikeness(start):F2}");
    }

    [Fact]
    public void Someone_else_talking_is_not_echo()
    {
        var echo = Detector(out var start);
        Hear(echo, start, UserVoice);
        Assert.True(echo.EchoLikeness(start) < 0.6, $"likeness {echo.EchoLikeness(start):F2}");
    }

    [Fact]
    public void The_user_talking_over_the_echo_is_not_echo()
    {
        var echo = Detector(out var start);
        Hear(echo, start, Mix(Delayed(AgentVoice, 150, 0.25), UserVoice));
        Assert.True(echo.EchoLikeness(start) < 0.8, $"likeness {echo.EchoLikeness(start):F2}");
    }

    [Fact]
    public void Nothing_to_judge_while_the_agent_is_silent()
    {
        var echo = new EchoDetector(_time);
        var start = _time.GetTimestamp();
        Hear(echo, start, UserVoice);
        Assert.Equal(0, echo.EchoLikeness(start));
    }

    private EchoDetector Detector(out long start)
    {
        var echo = new EchoDetector(_time);
        start = _time.GetTimestamp();
        echo.AddPlayed(start, AgentVoice, Rate);
        return echo;
    }

    private void Hear(EchoDetector echo, long start, short[] audio)
    {
        for (var i = 0; i + 512 <= audio.Length; i += 512)
        {
            echo.AddHeard(start + (long)((double)i / Rate * _time.TimestampFrequency), audio.AsSpan(i, 512), Rate);
        }
    }

    private static short[] Delayed(short[] voice, int delayMs, double gain)
    {
        var delay = Rate * delayMs / 1000;
        var result = new short[voice.Length + delay];
        for (var i = 0; i < voice.Length; i++)
        {
            result[i + delay] = (short)(voice[i] * gain);
        }

        return result;
    }

    private static short[] Mix(short[] a, short[]? b = null)
    {
        b ??= [];
        var result = new short[Math.Max(a.Length, b.Length)];
        for (var i = 0; i < result.Length; i++)
        {
            var sum = (i < a.Length ? a[i] : 0) + (i < b.Length ? b[i] : 0);
            result[i] = (short)Math.Clamp(sum, short.MinValue, short.MaxValue);
        }

        return result;
    }
}

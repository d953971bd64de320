using Microsoft.Extensions.Time.Testing;
using Parley.Sessions.Listening;
using Parley.Testing.Speech;

namespace Parley.Sessions.Tests.Listening;

public sealed class UtteranceEchoCheckTests
{
    private const int Rate = 16000;
    private static readonly short[] AgentVoice = TestSpeech.Say("I can tell you the time or the date, and do simple arithmetic, like twelve times seven.", "slt");
    private static readonly short[] UserVoice = TestSpeech.Voiced(TestSpeech.Say("wait, what time is it in new york", "rms"));
    private static readonly int AgentOnset = (int)(TestSpeech.SpeechOnset(AgentVoice).TotalSeconds * Rate);
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

    [Fact]
    public void A_voice_rising_out_of_a_quiet_line_while_the_agent_talks_is_known_from_its_first_frame()
    {
        // No echo on this line: the microphone hears only quiet while the agent talks, then the user 1.5 s in.
        var (echo, start) = AgentTalking();
        var onset = 47 * 512; // 1.5 s, on a frame's edge
        var check = new UtteranceEchoCheck(echo, 0.8, TimeSpan.FromSeconds(1));
        for (var i = 0; i + 512 <= onset + 512; i += 512)
        {
            var frame = i < onset ? new short[512] : UserVoice[(i - onset)..(i - onset + 512)];
            var at = start + echo.Ticks(TimeSpan.FromSeconds((double)i / Rate));
            echo.AddHeard(at, frame, Rate);
            if (i == onset)
            {
                check.Begin(at, at);
                check.OnSpeech(at);
            }
        }

        Assert.True(check.VoiceAround);
    }

    [Fact]
    public void Echo_growing_into_an_utterance_is_never_taken_for_a_voice_by_its_loudness()
    {
        var (echo, start) = AgentTalking();
        var delay = Rate * 150 / 1000;
        var checks = new List<(int Onset, UtteranceEchoCheck Check)>();
        var voice = false;
        for (var i = 0; i + 512 <= AgentVoice.Length; i += 512)
        {
            var frame = new short[512];
            for (var j = 0; j < 512; j++)
            {
                frame[j] = i + j >= delay ? (short)(AgentVoice[i + j - delay] / 4) : (short)0;
            }

            var at = start + echo.Ticks(TimeSpan.FromSeconds((double)i / Rate));
            echo.AddHeard(at, frame, Rate);
            if (i % (Rate / 4) < 512 && i > Rate)
            {
                var check = new UtteranceEchoCheck(echo, 0.8, TimeSpan.FromSeconds(1));
                check.Begin(at, at); // an utterance of the echo may begin at any moment (VAD hears the agent's words)
                checks.Add((i, check));
            }

            foreach (var (_, check) in checks)
            {
                check.OnSpeech(at);
                voice |= check.VoiceAround;
            }
        }

        Assert.True(checks.Count >= 4);
        Assert.False(voice);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void A_voice_early_in_a_reply_is_known_from_its_first_frame_when_the_line_was_heard_quiet_through_an_earlier_reply(bool earlierReply, bool known)
    {
        // 0.3 s after the agent's voice begins, too early for the quiet just before to show that this line carries no echo;
        // a whole earlier reply heard quiet does. A session's first reply has nothing earlier: the words decide.
        var userAt = (AgentOnset + (Rate * 3 / 10)) / 512 * 512;
        UtteranceEchoCheck? check = null;
        var voice = false;
        TwoReplies(echoLine: false, earlierReply, userAt, (offset, at, echo) =>
        {
            if (offset == userAt)
            {
                check = new UtteranceEchoCheck(echo, 0.8, TimeSpan.FromSeconds(1));
                check.Begin(at, at);
            }

            if (check is not null && offset < userAt + (3 * 512))
            {
                check.OnSpeech(at);
                voice |= check.VoiceAround;
            }
        });

        Assert.NotNull(check);
        Assert.Equal(known, voice);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_echo_of_a_replys_first_words_is_never_taken_for_a_voice_by_its_loudness(bool earlierReply)
    {
        // A line that carries the agent's echo: quiet before the reply, the quiet proves nothing when the echo of its first
        // words begins (the agent's audio had not had time to come back); after an earlier reply, that reply's echo says
        // how loud the line carries the agent.
        var checks = new List<UtteranceEchoCheck>();
        var voice = false;
        TwoReplies(echoLine: true, earlierReply, userAt: null, (offset, at, echo) =>
        {
            if (offset < AgentOnset + Rate)
            {
                var check = new UtteranceEchoCheck(echo, 0.8, TimeSpan.FromSeconds(1));
                check.Begin(at, at); // the VAD may take the echo for speech from any frame
                checks.Add(check);
            }

            foreach (var each in checks)
            {
                each.OnSpeech(at);
                voice |= each.VoiceAround;
            }
        });

        Assert.True(checks.Count > 30);
        Assert.False(voice);
    }

    /// <summary>
    /// Two replies a second apart (or only the second), the microphone open from a second before the first: the agent's
    /// echo (150 ms late, 12 dB down) on an echo line, quiet otherwise, and the user's voice from <paramref name="userAt"/>
    /// samples into the second; <paramref name="onFrame"/> sees each frame of the second reply once it is heard.
    /// </summary>
    private void TwoReplies(bool echoLine, bool earlierReply, int? userAt, Action<int, long, EchoDetector> onFrame)
    {
        var echo = new EchoDetector(_time);
        _time.Advance(TimeSpan.FromSeconds(2));
        var start = _time.GetTimestamp();
        var second = ((AgentVoice.Length + Rate) / 512 + 1) * 512;
        int[] replies = earlierReply ? [0, second] : [second];
        foreach (var reply in replies)
        {
            echo.AddPlayed(start + echo.Ticks(TimeSpan.FromSeconds((double)reply / Rate)), AgentVoice, Rate);
        }

        var delay = Rate * 150 / 1000;
        for (var i = -(Rate / 512 * 512); i + 512 <= second + Rate + (Rate / 2); i += 512)
        {
            var frame = new short[512];
            for (var j = 0; j < 512; j++)
            {
                var n = i + j;
                var sample = 0;
                foreach (var reply in replies)
                {
                    var k = n - reply - delay;
                    sample += echoLine && k >= 0 && k < AgentVoice.Length ? AgentVoice[k] / 4 : 0;
                }

                var u = n - second - (userAt ?? int.MaxValue / 2);
                sample += u >= 0 && u < UserVoice.Length ? UserVoice[u] : 0;
                frame[j] = (short)Math.Clamp(sample, short.MinValue, short.MaxValue);
            }

            var at = start + echo.Ticks(TimeSpan.FromSeconds((double)i / Rate));
            echo.AddHeard(at, frame, Rate);
            if (i >= second)
            {
                onFrame(i - second, at, echo);
            }
        }
    }

    private (EchoDetector Echo, long Start) AgentTalking()
    {
        var echo = new EchoDetector(_time);
        _time.Advance(TimeSpan.FromSeconds(2)); // the session has been on for a while
        var start = _time.GetTimestamp();
        echo.AddPlayed(start, AgentVoice, Rate);
        return (echo, start);
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

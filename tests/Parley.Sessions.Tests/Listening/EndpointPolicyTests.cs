using Parley.Sessions.Listening;

namespace Parley.Sessions.Tests.Listening;

public sealed class EndpointPolicyTests
{
    private static readonly VoiceSessionOptions Options = new()
    {
        EndpointSilence = TimeSpan.FromMilliseconds(300),
        EndpointSilenceIncomplete = TimeSpan.FromMilliseconds(900),
    };

    [Theory]
    [InlineData("what time is it")]
    [InlineData("what is twelve times seven?")]
    [InlineData("thanks bye")]
    [InlineData("my name is five")]
    [InlineData("")]
    [InlineData(null)]
    public void Finished_looking_words_end_the_turn_after_the_short_silence(string? partial)
        => Assert.Equal(TimeSpan.FromMilliseconds(300), new EndpointPolicy(Options).RequiredSilence(partial));

    [Theory]
    [InlineData("i would like a pizza and")]
    [InlineData("book a table for the")]
    [InlineData("so um")]
    [InlineData("my number is five five five")]
    [InlineData("it costs twenty")]
    [InlineData("what is twelve times")]
    [InlineData("my code is 12 34")]
    public void Words_that_look_unfinished_wait_longer(string partial)
        => Assert.Equal(TimeSpan.FromMilliseconds(900), new EndpointPolicy(Options).RequiredSilence(partial));

    [Fact]
    public void The_turn_detector_asks_for_the_silence_through_each_pause()
    {
        var frame = TimeSpan.FromMilliseconds(32);
        var silence = TimeSpan.FromMilliseconds(320); // 10 frames
        var detector = new TurnDetector(new VoiceSessionOptions { MinSpeech = frame }, frame, () => silence);
        Assert.Equal(TurnSignal.SpeechStarted, detector.Push(0.9f));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(TurnSignal.None, detector.Push(0.0f));
        }

        silence = TimeSpan.FromMilliseconds(96); // the next pause looks finished: 3 frames
        Assert.Equal(TurnSignal.None, detector.Push(0.9f));
        Assert.Equal(TurnSignal.None, detector.Push(0.0f));
        Assert.Equal(TurnSignal.None, detector.Push(0.0f));
        Assert.Equal(TurnSignal.SpeechEnded, detector.Push(0.0f));
    }

    [Fact]
    public void A_pause_that_turns_out_unfinished_a_few_frames_in_waits_longer()
    {
        var frame = TimeSpan.FromMilliseconds(32);
        var silence = TimeSpan.FromMilliseconds(96); // the words look finished when the pause begins...
        var detector = new TurnDetector(new VoiceSessionOptions { MinSpeech = frame }, frame, () => silence);
        Assert.Equal(TurnSignal.SpeechStarted, detector.Push(0.9f));
        Assert.Equal(TurnSignal.None, detector.Push(0.0f));
        silence = TimeSpan.FromMilliseconds(320); // ...until the recogniser catches up with a trailing "and"
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(TurnSignal.None, detector.Push(0.0f));
        }

        Assert.Equal(TurnSignal.SpeechEnded, detector.Push(0.0f));
    }

    [Fact]
    public void A_pause_that_looked_unfinished_for_a_moment_ends_at_the_short_silence_once_the_words_look_finished()
    {
        var frame = TimeSpan.FromMilliseconds(32);
        var silence = TimeSpan.FromMilliseconds(320); // "what time is a": unfinished, 10 frames...
        var detector = new TurnDetector(new VoiceSessionOptions { MinSpeech = frame }, frame, () => silence);
        Assert.Equal(TurnSignal.SpeechStarted, detector.Push(0.9f));
        Assert.Equal(TurnSignal.None, detector.Push(0.0f));
        Assert.Equal(TurnSignal.None, detector.Push(0.0f));
        silence = TimeSpan.FromMilliseconds(96); // ...until the recogniser settles on "what time is it": 3 frames
        Assert.Equal(TurnSignal.SpeechEnded, detector.Push(0.0f));
    }
}

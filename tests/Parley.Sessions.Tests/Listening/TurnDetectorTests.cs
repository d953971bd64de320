using Parley.Sessions.Listening;

namespace Parley.Sessions.Tests.Listening;

public sealed class TurnDetectorTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(32);

    private static readonly VoiceSessionOptions Options = new()
    {
        SpeechThreshold = 0.5f,
        MinSpeech = TimeSpan.FromMilliseconds(96), // 3 frames
        EndpointSilence = TimeSpan.FromMilliseconds(320), // 10 frames
    };

    [Fact]
    public void A_turn_starts_after_enough_speech_and_ends_after_enough_silence()
    {
        var detector = new TurnDetector(Options, Frame);
        var signals = Feed(detector, [.. Repeat(0.9f, 20), .. Repeat(0.05f, 12)]);
        Assert.Equal(2, signals.IndexOf(TurnSignal.SpeechStarted)); // third speech frame
        Assert.Equal(20 + 9, signals.IndexOf(TurnSignal.SpeechEnded)); // tenth silent frame
        Assert.False(detector.InSpeech);
    }

    [Fact]
    public void A_click_shorter_than_the_minimum_speech_is_not_a_turn()
    {
        var detector = new TurnDetector(Options, Frame);
        var signals = Feed(detector, [0.05f, 0.95f, 0.95f, 0.05f, 0.05f, 0.95f, 0.05f]);
        Assert.DoesNotContain(TurnSignal.SpeechStarted, signals);
    }

    [Fact]
    public void A_pause_shorter_than_the_endpoint_silence_does_not_end_the_turn()
    {
        var detector = new TurnDetector(Options, Frame);
        var signals = Feed(detector, [.. Repeat(0.9f, 10), .. Repeat(0.05f, 9), .. Repeat(0.9f, 10), .. Repeat(0.05f, 9)]);
        Assert.Single(signals, TurnSignal.SpeechStarted);
        Assert.DoesNotContain(TurnSignal.SpeechEnded, signals);
        Assert.True(detector.InSpeech);
    }

    [Fact]
    public void Probabilities_hovering_at_the_threshold_neither_end_nor_restart_the_turn()
    {
        var detector = new TurnDetector(Options, Frame);
        var signals = Feed(detector, [.. Repeat(0.9f, 5), .. Repeat(0.4f, 40)]);
        Assert.Single(signals, TurnSignal.SpeechStarted);
        Assert.DoesNotContain(TurnSignal.SpeechEnded, signals);
    }

    [Fact]
    public void The_vads_hang_over_counts_toward_the_silence_once_silence_is_sure()
    {
        // The probability decays through the hysteresis band for three frames after the voice stops: those frames are
        // part of the pause, so the turn ends on the tenth frame after the last speech, not the tenth below the band.
        var detector = new TurnDetector(Options, Frame);
        var signals = Feed(detector, [.. Repeat(0.9f, 20), 0.45f, 0.4f, 0.36f, .. Repeat(0.05f, 12)]);
        Assert.Equal(20 + 9, signals.IndexOf(TurnSignal.SpeechEnded));
    }

    [Fact]
    public void Hang_over_frames_alone_never_end_the_turn()
    {
        var detector = new TurnDetector(Options, Frame);
        var signals = Feed(detector, [.. Repeat(0.9f, 20), .. Repeat(0.4f, 9), 0.05f]);
        Assert.Equal(20 + 9, signals.IndexOf(TurnSignal.SpeechEnded)); // the first frame sure to be silence ends it at once
        Assert.DoesNotContain(TurnSignal.SpeechEnded, Feed(new TurnDetector(Options, Frame), [.. Repeat(0.9f, 20), .. Repeat(0.4f, 30)]));
    }

    [Fact]
    public void Turns_follow_each_other()
    {
        var detector = new TurnDetector(Options, Frame);
        var turn = (float[])[.. Repeat(0.9f, 5), .. Repeat(0.0f, 10)];
        var signals = Feed(detector, [.. turn, .. turn, .. turn]);
        Assert.Equal(3, signals.Count(s => s == TurnSignal.SpeechStarted));
        Assert.Equal(3, signals.Count(s => s == TurnSignal.SpeechEnded));
    }

    [Fact]
    public void The_recogniser_may_end_a_turn_after_the_shortest_silence_when_the_words_look_finished()
    {
        var options = Options with { EndOfTurnMinSilence = TimeSpan.FromMilliseconds(96) }; // 3 frames
        var detector = new TurnDetector(options, Frame, endOfTurnProposed: () => true);
        var signals = Feed(detector, [.. Repeat(0.9f, 20), .. Repeat(0.05f, 12)]);
        Assert.Equal(20 + 2, signals.IndexOf(TurnSignal.SpeechEnded)); // third silent frame, not the tenth
    }

    [Fact]
    public void The_recogniser_cannot_end_a_turn_whose_words_look_unfinished()
    {
        // After "and" the policy asks for 640 ms (20 frames); the recogniser's own end of turn must not cut that short.
        var options = Options with { EndOfTurnMinSilence = TimeSpan.FromMilliseconds(96) };
        var detector = new TurnDetector(options, Frame, endpointSilence: () => TimeSpan.FromMilliseconds(640), endOfTurnProposed: () => true);
        var signals = Feed(detector, [.. Repeat(0.9f, 20), .. Repeat(0.05f, 22)]);
        Assert.Equal(20 + 19, signals.IndexOf(TurnSignal.SpeechEnded));
    }

    private static List<TurnSignal> Feed(TurnDetector detector, float[] probabilities) => probabilities.Select(detector.Push).ToList();

    private static IEnumerable<float> Repeat(float p, int count) => Enumerable.Repeat(p, count);
}

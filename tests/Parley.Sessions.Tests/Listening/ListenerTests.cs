using Parley.Engines.SpeechToText;
using Parley.Engines.VoiceActivity;
using Parley.Sessions.Listening;
using Parley.Testing.Speech;

namespace Parley.Sessions.Tests.Listening;

/// <summary>The listener on the real VAD and recogniser, fed synthesised speech: turns, pauses, and speech over the agent.</summary>
public sealed class ListenerTests : IClassFixture<ListenerTests.Engines>
{
    private const string AgentSaying = "I can tell you the time or the date, and do simple arithmetic, like twelve times seven. Just ask!";
    private readonly Engines _engines;

    public ListenerTests(Engines engines) => _engines = engines;

    [Fact]
    public async Task A_finished_question_is_one_turn()
    {
        var sink = await ListenAsync([.. Pause(400), .. Words("what is twelve times seven"), .. Pause(1200)]);
        Assert.Equal(["what is twelve times seven"], sink.Turns);
    }

    /// <summary>PocketSphinx's words when the pause begins (after the VAD's hang-over) are its final words: the reply prepared on them is the answer.</summary>
    [Theory]
    [InlineData("what is twelve times seven")]
    [InlineData("what time is it")]
    public async Task A_finished_question_is_told_as_the_pause_begins_with_the_words_of_the_turn(string question)
    {
        var sink = await ListenAsync([.. Pause(400), .. Words(question), .. Pause(1200)]);
        var turn = Assert.Single(sink.Turns);
        Assert.Equal(turn, sink.Pauses[^1]);
        AssertEachResumptionEndsATold(sink.Pauses);
    }

    [Fact]
    public async Task No_pause_is_told_after_an_unfinished_word_and_the_last_one_told_has_the_words_of_the_turn()
    {
        var sink = await ListenAsync([.. Pause(400), .. Words("what is uh"), .. Pause(600), .. Words("twelve times seven"), .. Pause(1500)]);
        var turn = Assert.Single(sink.Turns);
        Assert.DoesNotContain(sink.Pauses, p => p.EndsWith("uh", StringComparison.Ordinal));
        Assert.Equal(turn, sink.Pauses[^1]);
        AssertEachResumptionEndsATold(sink.Pauses);
    }

    /// <summary>Speech resuming is told only after a pause was (its words), never twice in a row.</summary>
    private static void AssertEachResumptionEndsATold(IReadOnlyList<string> pauses)
    {
        for (var i = 0; i < pauses.Count; i++)
        {
            Assert.True(pauses[i] != "(resumed)" || (i > 0 && pauses[i - 1] != "(resumed)"), string.Join(" | ", pauses));
        }
    }

    [Fact]
    public async Task Speech_over_the_agent_is_not_told_as_a_pause()
    {
        var sink = await ListenAsync([.. Pause(400), .. Words("what time is it"), .. Pause(1500)], AgentSaying);
        Assert.Single(sink.Turns);
        Assert.Empty(sink.Pauses); // the endpoint decides whether it takes the floor; no reply is prepared for it
    }

    [Theory]
    [InlineData("what is uh", "twelve times seven", "twelve times seven")]
    [InlineData("what is twenty", "five times two", "five times")]
    [InlineData("what is twelve times seven and", "what time is it", "what time is it")]
    public async Task A_thinking_pause_after_an_unfinished_word_does_not_end_the_turn(string before, string after, string ending)
    {
        var sink = await ListenAsync([.. Pause(400), .. Words(before), .. Pause(600), .. Words(after), .. Pause(1500)]);
        var turn = Assert.Single(sink.Turns);
        Assert.Contains(ending, turn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("okay")]
    [InlineData("yeah")]
    [InlineData("uh huh")]
    [InlineData("right")]
    public async Task A_backchannel_over_the_agent_neither_interrupts_nor_is_answered(string backchannel)
    {
        var sink = await ListenAsync([.. Pause(400), .. Words(backchannel), .. Pause(1500)], AgentSaying);
        Assert.Equal(0, sink.BargeIns);
        Assert.Empty(sink.Turns);
    }

    [Theory]
    [InlineData("stop", "stop")]
    [InlineData("wait what time is it", "time is it")]
    [InlineData("what time is it", "time is it")]
    public async Task Speech_that_takes_the_floor_interrupts_and_is_answered(string said, string heard)
    {
        var sink = await ListenAsync([.. Pause(400), .. Words(said), .. Pause(1500)], AgentSaying);
        Assert.Equal(1, sink.BargeIns);
        var turn = Assert.Single(sink.Turns);
        Assert.Contains(heard, turn, StringComparison.Ordinal);
        Assert.Equal(0, sink.FalseInterruptions);
    }

    [Theory]
    [InlineData("okay")]
    [InlineData("uh huh")]
    public async Task On_sound_a_backchannel_over_the_agent_stops_it_at_once_then_proves_a_false_interruption(string backchannel)
    {
        var sink = await ListenAsync([.. Pause(400), .. Words(backchannel), .. Pause(1500)], AgentSaying, onSound: true);
        Assert.Equal(1, sink.BargeIns);
        Assert.Equal(1, sink.FalseInterruptions); // the agent says the rest of its reply
        Assert.Empty(sink.Turns);
    }

    [Theory]
    [InlineData("stop", "stop")]
    [InlineData("wait what time is it", "time is it")]
    public async Task On_sound_speech_that_takes_the_floor_stops_the_agent_and_is_answered(string said, string heard)
    {
        var sink = await ListenAsync([.. Pause(400), .. Words(said), .. Pause(1500)], AgentSaying, onSound: true);
        Assert.Equal(1, sink.BargeIns);
        Assert.Contains(heard, Assert.Single(sink.Turns), StringComparison.Ordinal);
        Assert.Equal(0, sink.FalseInterruptions);
    }

    [Fact]
    public async Task A_backchannel_that_outlasts_the_agents_last_word_is_not_answered()
    {
        var sink = await ListenAsync([.. Pause(400), .. Words("uh huh"), .. Pause(1500)], AgentSaying, agentFinishesAfterReads: 2 + 12);
        Assert.Equal(0, sink.BargeIns);
        Assert.Empty(sink.Turns);
    }

    [Fact]
    public async Task Speech_begun_a_beat_before_the_agents_last_word_is_the_next_turn()
    {
        // "okay" over the agent is a backchannel (see above); begun as it finishes, it is the user's answer.
        var sink = await ListenAsync([.. Pause(400), .. Words("okay"), .. Pause(1500)], AgentSaying, agentFinishesAfterReads: 2 + 3);
        Assert.Equal(0, sink.BargeIns);
        Assert.Single(sink.Turns);
    }

    private async Task<RecordingListenerSink> ListenAsync(short[] audio, string? agentSpeech = null, int agentFinishesAfterReads = int.MaxValue, bool onSound = false)
    {
        var sink = new RecordingListenerSink { AgentSpeech = agentSpeech, AgentFinishesAfterReads = agentFinishesAfterReads };
        // No echo detector here: nothing the agent says reaches the microphone, so any voice over it is someone's.
        var options = new VoiceSessionOptions { BargeInOnSound = onSound };
        await using var listener = new Listener(_engines.Vad, new Parley.Engines.Speech.RecognizerRoute(_engines.Recognizer, null), options, silenceTimeoutEnabled: false, sink);
        var running = listener.RunAsync(CancellationToken.None);
        foreach (var chunk in audio.Chunk(4096))
        {
            Assert.True(listener.TryEnqueue(chunk));
        }

        listener.CompleteInput();
        await running;
        return sink;
    }

    private static short[] Pause(int milliseconds) => TestSpeech.Silence(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>Speech cut to its voiced part, so the pauses around it are the ones the test states.</summary>
    private static short[] Words(string text) => TestSpeech.Voiced(TestSpeech.Say(text));

    /// <summary>One VAD model and one recogniser for every test in the class.</summary>
    public sealed class Engines : IDisposable
    {
        private readonly SileroVoiceActivityDetector _vad = new();
        // The helper running from the start, as on a server with calls: the tests push audio faster than real time, so
        // a helper started by the first stream (~0.4 s) would hear the first question only after it had ended, with no
        // words during its pause.
        private readonly PocketSphinxRecognizer _recognizer = new(new PocketSphinxOptions { HelperIdleTimeout = Timeout.InfiniteTimeSpan });

        internal IVoiceActivityDetector Vad => _vad;

        internal ISpeechRecognizer Recognizer => _recognizer;

        public void Dispose()
        {
            _vad.Dispose();
            _recognizer.Dispose();
        }
    }
}

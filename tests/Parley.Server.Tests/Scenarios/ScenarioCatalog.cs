using static Parley.Server.Tests.Scenarios.ScenarioStep;

namespace Parley.Server.Tests.Scenarios;

/// <summary>The scripted conversations: each states what the user does and what should happen.</summary>
public static class ScenarioCatalog
{
    /// <summary>Makes the agent talk for about five seconds, long enough to talk over.</summary>
    private const string LongReply = "what can you do";

    /// <summary>
    /// How much of the agent's reply the user hears before speaking over it (ms): a second, as people do before they
    /// nod along or cut in. At 300 ms (before the microphone streamed all along) the agent had been audible for less
    /// than 100 ms before the onset, too little for barge-in on sound to tell a voice from an echo, so it never acted.
    /// </summary>
    private const int IntoTheReply = 1000;

    public static IReadOnlyList<Scenario> All { get; } =
    [
        // Endpointing: finished questions are answered; a pause after an unfinished word does not end the turn.
        new("finished-question", "endpoint", null, [Silence(400), Say("what is twelve times seven"), Silence(1200)], Expectation.UserTurn("what is twelve times seven")),
        new("finished-time-question", "endpoint", null, [Silence(400), Say("what time is it"), Silence(1200)], Expectation.UserTurn("what time is it")),
        new("pause-after-and", "endpoint", null, [Silence(400), Say("what is twelve times seven and"), Silence(600), Say("what time is it"), Silence(1200)], Expectation.UserTurn("what is twelve times seven and what time is it")),
        new("pause-after-uh", "endpoint", null, [Silence(400), Say("what is uh"), Silence(600), Say("twelve times seven"), Silence(1200)], Expectation.UserTurn("what is twelve times seven")),
        new("long-pause-after-uh", "endpoint", null, [Silence(400), Say("what is uh"), Silence(1100), Say("twelve times seven"), Silence(1200)], Expectation.UserTurn("what is twelve times seven")),
        new("pause-in-a-number", "endpoint", null, [Silence(400), Say("what is twenty"), Silence(600), Say("five times seven"), Silence(1200)], Expectation.UserTurn("what is twenty five times seven")),

        // Backchannels over the agent: listening noises, not turns. Their sound may stop the agent (barge-in on sound), which
        // then says the rest of its reply: a resumed false interruption, reported with its gap.
        new("backchannel-okay", "backchannel", LongReply, [Silence(IntoTheReply), Say("okay"), Silence(1500)], Expectation.NoTurn),
        new("backchannel-yeah", "backchannel", LongReply, [Silence(IntoTheReply), Say("yeah"), Silence(1500)], Expectation.NoTurn),
        new("backchannel-uh-huh", "backchannel", LongReply, [Silence(IntoTheReply), Say("uh huh"), Silence(1500)], Expectation.NoTurn),
        new("backchannel-right", "backchannel", LongReply, [Silence(IntoTheReply), Say("right"), Silence(1500)], Expectation.NoTurn),

        // Noise over the agent: a short loud burst, a longer rumble.
        new("white-noise-burst", "noise", LongReply, [Silence(IntoTheReply), Noise(NoiseColour.White, -20, 300), Silence(1500)], Expectation.NoInterruption),
        new("pink-noise-rumble", "noise", LongReply, [Silence(IntoTheReply), Noise(NoiseColour.Pink, -25, 800), Silence(1500)], Expectation.NoInterruption),

        // The agent's own voice back through the microphone, as a phone on speaker without echo cancellation.
        new("echo-12db-150ms", "echo", LongReply, [Echo(-12, 150), Silence(3500)], Expectation.NoInterruption),

        // Real barge-ins: the agent stops.
        new("barge-in-stop", "barge-in", LongReply, [Silence(IntoTheReply), Say("stop"), Silence(1500)], Expectation.Interruption(3000)),
        new("barge-in-question", "barge-in", LongReply, [Silence(IntoTheReply), Say("wait what time is it"), Silence(1500)], Expectation.Interruption(3000)),
        new("barge-in-over-echo", "barge-in", LongReply, [Echo(-12, 150), Silence(1000), Say("wait what time is it"), Silence(1500)], Expectation.Interruption(3000)),
    ];

    /// <summary>Scenarios that fail today because of a known weakness: in the report, not in CI (see docs/TURN-TAKING.md).</summary>
    public static IReadOnlySet<string> KnownGaps { get; } = new HashSet<string>
    {
        // Both are a session's first words, one or two syllables long. Since every stream starts from the model's
        // cepstral means (issue 12: a pooled decoder heard words differently after another caller), PocketSphinx hears
        // Flite's "stop" as "shut the" and "uh huh" as "the flood", on every run and alone; they passed before only on a
        // decoder that earlier scenarios had adapted to this voice.
        "barge-in-stop",
        "backchannel-uh-huh",
    };

    /// <summary>The scenarios CI asserts, as xunit theory data.</summary>
    public static TheoryData<string> Asserted()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in All.Where(s => !KnownGaps.Contains(s.Name)))
        {
            data.Add(scenario.Name);
        }

        return data;
    }

    public static Scenario Named(string name) => All.Single(s => s.Name == name);
}

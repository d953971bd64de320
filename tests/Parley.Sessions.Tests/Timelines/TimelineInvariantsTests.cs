using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Sessions.Transport;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>The checker of the random timelines catches what it is there to catch: a checker that passes everything proves nothing.</summary>
public sealed class TimelineInvariantsTests
{
    private static readonly Timeline Plain = Timeline.Generate(1) with
    {
        Start = new StartPlan(false, null, false, false, false, false, false, false),
        Ending = Ending.Stop,
        FaultPoint = FaultPoint.None,
        IdlePrompts = false,
    };

    [Fact]
    public void A_clean_session_passes()
        => Assert.Empty(TimelineInvariants.Check(Outcome([
            new StartedMessage(new StartedPayload("s", "c", "m")), ReadyMessage.Instance,
            Agent("Answer r1 piece alpha."), Audio(), Audio(), InterruptedMessage.Instance,
            User("what time is it"), Agent("Answer r2 piece alpha."), Audio(), Ended("what time is it")])));

    [Fact]
    public void Audio_of_the_cut_reply_after_interrupted_is_caught()
        => AssertCaught("after `interrupted` cut it off", [
            new StartedMessage(new StartedPayload("s", "c", "m")), ReadyMessage.Instance,
            Agent("Answer r1 piece alpha."), Audio(), InterruptedMessage.Instance, Audio(), Ended()]);

    [Fact]
    public void Audio_of_an_older_reply_after_a_new_turn_is_caught()
        => AssertCaught("after user turn 1", [
            new StartedMessage(new StartedPayload("s", "c", "m")), ReadyMessage.Instance,
            Agent("Answer r1 piece alpha."), User("stop"), Audio(), Ended("stop")]);

    [Fact]
    public void A_false_interruption_resumed_as_a_reply_of_its_own_passes_but_not_after_a_new_turn()
    {
        Assert.Empty(TimelineInvariants.Check(Outcome([
            new StartedMessage(new StartedPayload("s", "c", "m")), ReadyMessage.Instance,
            Agent("Answer r1 piece alpha."), Audio(), InterruptedMessage.Instance, Agent("Answer r1 piece alpha."), Audio(), Ended()])));
        AssertCaught("after `interrupted` cut it off", [
            new StartedMessage(new StartedPayload("s", "c", "m")), ReadyMessage.Instance,
            Agent("Answer r1 piece alpha."), Audio(), InterruptedMessage.Instance, User("stop"), Agent("Answer r1 piece alpha."), Audio(), Ended("stop")]);
    }

    [Fact]
    public void A_new_reply_speaking_after_interrupted_without_a_new_turn_is_caught()
        => AssertCaught("with no user turn since", [
            new StartedMessage(new StartedPayload("s", "c", "m")), ReadyMessage.Instance,
            User("stop"), InterruptedMessage.Instance, Agent("Answer r2 piece alpha."), Audio(), Ended("stop")]);

    [Fact]
    public void A_task_outcome_said_before_the_answer_to_a_turn_is_caught_but_not_after_the_answer_was_cut()
    {
        AssertCaught("before the answer to the user turn", [
            new StartedMessage(new StartedPayload("s", "c", "m")), ReadyMessage.Instance,
            User("what time is it"), Agent(TimelineClient.TaskDone), Audio(), Agent("Answer r1 piece alpha."), Audio(), Ended("what time is it")]);
        Assert.Empty(TimelineInvariants.Check(Outcome([
            new StartedMessage(new StartedPayload("s", "c", "m")), ReadyMessage.Instance,
            User("what time is it"), Agent("Answer r1 piece alpha."), Audio(), Agent(TimelineClient.TaskDone), Audio(),
            User("and tomorrow"), InterruptedMessage.Instance, Agent(TimelineClient.TaskDone), Audio(), Ended("what time is it", "and tomorrow")])
            with { Timeline = Plain with { TasksFinishAfter = [1] } }));
    }

    [Fact]
    public void A_frame_after_ended_is_caught()
        => AssertCaught("sent after `ended`", [new StartedMessage(new StartedPayload("s", "c", "m")), ReadyMessage.Instance, Ended(), InterruptedMessage.Instance]);

    [Fact]
    public void A_missing_ended_is_caught()
        => AssertCaught("0 `ended`", [new StartedMessage(new StartedPayload("s", "c", "m")), ReadyMessage.Instance]);

    [Fact]
    public void An_internal_error_without_a_failure_is_caught()
        => AssertCaught("closed 1011 though no engine failed", [new StartedMessage(new StartedPayload("s", "c", "m")), Ended()], CloseCodes.InternalError);

    [Fact]
    public void A_leaked_recognition_stream_is_caught()
    {
        var ledger = new EngineLedger();
        ledger.RecognitionStreamOpened();
        var problems = TimelineInvariants.Check(Outcome([new StartedMessage(new StartedPayload("s", "c", "m")), Ended()], ledger: ledger));
        Assert.Contains(problems, p => p.Contains("recognition streams left open", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stuck_session_is_caught()
    {
        var problems = TimelineInvariants.Check(Outcome([], finished: false));
        Assert.Contains(problems, p => p.StartsWith("stuck", StringComparison.Ordinal));
    }

    private static void AssertCaught(string expected, VoiceMessage[] frames, int closeCode = CloseCodes.Normal)
    {
        var problems = TimelineInvariants.Check(Outcome(frames, closeCode));
        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)), $"Expected a problem with \"{expected}\"; got: {string.Join("; ", problems)}");
    }

    [Fact]
    public void A_last_turn_left_unanswered_after_settling_is_caught()
        => Assert.Contains(
            TimelineInvariants.Check(Outcome(
                [new StartedMessage(new StartedPayload("s", "c", "m")), ReadyMessage.Instance, User("what time is it"), InterruptedMessage.Instance, Ended("what time is it")],
                settled: SettleResult.TimedOut)),
            p => p.Contains("every user turn is answered or superseded", StringComparison.Ordinal));

    [Fact]
    public void The_last_turn_answered_by_a_tagged_reply_counts_and_an_idle_prompt_does_not()
    {
        VoiceMessage[] start = [new StartedMessage(new StartedPayload("s", "c", "m")), ReadyMessage.Instance, User("what time is it")];
        Assert.True(TimelineInvariants.LastUserTurnAnswered([.. start, Agent("Answer r1 piece alpha.")]));
        Assert.False(TimelineInvariants.LastUserTurnAnswered([.. start, Agent("Are you still there?")]));
        Assert.False(TimelineInvariants.LastUserTurnAnswered([.. start, Agent("Answer r1 piece alpha."), User("stop")]));
        Assert.True(TimelineInvariants.LastUserTurnAnswered([start[0], start[1]]));
    }

    private static TimelineOutcome Outcome(
        VoiceMessage[] frames, int closeCode = CloseCodes.Normal, bool finished = true, EngineLedger? ledger = null, SettleResult settled = SettleResult.NotAsked)
        => new(
            Plain,
            finished,
            null,
            [.. frames.Select((f, i) => new InMemoryVoiceConnection.SentFrame(i, f, false))],
            closeCode,
            1,
            false,
            false,
            ledger ?? new EngineLedger(),
            [],
            100,
            settled);

    private static TranscriptMessage Agent(string text) => new(new TranscriptPayload(Roles.Agent, text));

    private static TranscriptMessage User(string text) => new(new TranscriptPayload(Roles.User, text));

    private static AudioMessage Audio() => new(new AudioPayload { Data = "AAAA", MimeType = AudioFormats.OutputMimeType });

    private static EndedMessage Ended(params string[] userLines) => new(new EndedPayload(0, [.. userLines.Select(l => new TranscriptPayload(Roles.User, l))]));
}

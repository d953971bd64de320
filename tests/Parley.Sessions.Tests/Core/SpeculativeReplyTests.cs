using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Sessions.Tests.Timelines;

namespace Parley.Sessions.Tests.Core;

/// <summary>
/// Speculative replies: the answer is prepared as the user pauses after words that look finished, held unsent, and
/// played at the endpoint when the final words match; dropped unsent when they differ or the user goes on.
/// </summary>
/// <remarks>
/// The endpoint silence is long here (700 ms, nearly three client chunks of 256 ms), so the pause is seen before the
/// endpoint; the scripted agent thinks 100-400 ms on the clock before its first words (slow), so an answer that is not
/// prepared in the pause cannot play sooner than 100 ms after the user's line.
/// </remarks>
public sealed class SpeculativeReplyTests(TimelineStorage storage) : IClassFixture<TimelineStorage>
{
    private static readonly VoiceSessionOptions Options = SessionHarness.Defaults with
    {
        EndpointSilence = TimeSpan.FromMilliseconds(700),
        EndpointSilenceIncomplete = TimeSpan.FromMilliseconds(1400),
    };

    [Fact]
    public async Task A_reply_prepared_in_the_pause_plays_at_the_endpoint_when_the_final_words_match()
    {
        await using var session = Timed(new SessionHarness(storage, heard: ["what time is it"], slowAgent: true, options: Options));
        await session.StartAsync();
        await session.SpeakAsync(2);
        await session.SpeakAsync(1, loud: false); // The pause begins: the agent is asked now, not at the endpoint.
        await SessionHarness.WaitUntilAsync(() => session.Ledger.ChatsStarted == 1, "the agent asked in the pause");
        await session.SpeakAsync(1, loud: false);
        Assert.DoesNotContain(session.Frames, f => f is TranscriptMessage or AudioMessage); // held: nothing before the endpoint

        // The endpoint, with the clock stopped: an answer that still needed the agent (it thinks 100-400 ms on this
        // clock) could not play until the clock moves on; the prepared one plays at once.
        var endpointAt = session.Clock.Time.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.True(session.Connection.Write(TimelineRunner.SilenceChunk));
        Assert.True(session.Connection.Write(TimelineRunner.SilenceChunk));
        await SessionHarness.WaitUntilAsync(
            () => session.Frames.Any(f => f is TranscriptMessage { Payload: { Role: Roles.User, Text: "what time is it" } }), "the user's line");
        await SessionHarness.WaitUntilAsync(() => session.Frames.Any(f => f is AudioMessage), "the answer's audio with the clock stopped at the endpoint");
        var frames = session.Connection.Sent.ToList();
        var line = frames.First(f => f.Message is TranscriptMessage { Payload.Role: Roles.User });
        var audio = frames.First(f => f.Message is AudioMessage);
        Assert.Equal(endpointAt, line.AtClockMs);
        Assert.Equal(endpointAt, audio.AtClockMs);
        Assert.True(frames.IndexOf(line) < frames.IndexOf(audio));
        Assert.Equal(1, session.Ledger.ChatsStarted); // the prepared reply is the answer: the agent was not asked again
        Assert.Contains(session.Frames, f => f is TranscriptMessage { Payload: { Role: Roles.Agent } t } && t.Text.StartsWith("Answer r1", StringComparison.Ordinal));
        await EndAndCheckWireAsync(session);
    }

    [Fact]
    public async Task A_reply_prepared_on_words_the_final_revises_is_dropped_unsent_and_the_final_is_answered()
    {
        // The recogniser's final has a word more ("now") than its words in the pause.
        await using var session = Timed(new SessionHarness(storage, heard: ["what time is it"], slowAgent: true, options: Options, revisedFinals: 1));
        await session.StartAsync();
        await session.SpeakAsync(2);
        await session.SpeakAsync(1, loud: false);
        await SessionHarness.WaitUntilAsync(() => session.Ledger.ChatsStarted == 1, "the agent asked in the pause");
        await session.SpeakAsync(3, loud: false);

        await session.WaitForAsync(f => f is TranscriptMessage { Payload: { Role: Roles.User, Text: "what time is it now" } }, "the user's line");
        await session.WaitForAsync(f => f is TranscriptMessage { Payload.Role: Roles.Agent }, "an answer");
        await session.WaitForAsync(f => f is AudioMessage, "its audio");
        Assert.Equal(2, session.Ledger.ChatsStarted);
        Assert.DoesNotContain(session.Frames, f => f is TranscriptMessage { Payload.Role: Roles.Agent } t && t.Payload.Text.Contains("r1", StringComparison.Ordinal));
        Assert.Contains(session.Frames, f => f is TranscriptMessage { Payload.Role: Roles.Agent } t && t.Payload.Text.StartsWith("Answer r2", StringComparison.Ordinal));
        await EndAndCheckWireAsync(session);
    }

    [Fact]
    public async Task Speech_that_resumes_after_the_pause_began_drops_the_reply_unsent()
    {
        await using var session = Timed(new SessionHarness(storage, heard: ["what time is it"], slowAgent: true, options: Options));
        await session.StartAsync();
        await session.SpeakAsync(1); // "what time"
        await session.SpeakAsync(1, loud: false);
        await SessionHarness.WaitUntilAsync(() => session.Ledger.ChatsStarted == 1, "the agent asked on \"what time\"");
        await session.SpeakAsync(1); // "... is it": the user goes on.
        await session.SpeakAsync(3, loud: false);

        await session.WaitForAsync(f => f is TranscriptMessage { Payload: { Role: Roles.User, Text: "what time is it" } }, "the user's line");
        await session.WaitForAsync(f => f is AudioMessage, "the answer's audio");
        Assert.Single(session.Frames, f => f is TranscriptMessage { Payload.Role: Roles.User });
        Assert.DoesNotContain(session.Frames, f => f is TranscriptMessage { Payload.Role: Roles.Agent } t && t.Payload.Text.Contains("r1", StringComparison.Ordinal));
        Assert.Contains(session.Frames, f => f is TranscriptMessage { Payload.Role: Roles.Agent } t && t.Payload.Text.StartsWith("Answer r2", StringComparison.Ordinal));
        await EndAndCheckWireAsync(session);
    }

    [Fact]
    public async Task A_tool_with_effects_waits_for_the_endpoint_and_never_runs_for_a_dropped_reply()
    {
        var agent = new ToolCallingAgentFactory("book_table", freeOfSideEffects: false, new TimelineClock().Time);
        await using var session = Timed(new SessionHarness(storage, heard: ["what time is it"], options: Options, agents: agent));
        await session.StartAsync();
        await session.SpeakAsync(1);
        await session.SpeakAsync(1, loud: false); // A reply is prepared on "what time": the model asks for the tool.
        await SessionHarness.WaitUntilAsync(() => agent.Requests == 1, "the model asked in the pause");
        await session.Clock.AdvanceAsync(TimeSpan.FromMilliseconds(64));
        Assert.Equal(0, agent.Invocations); // it waits for the turn to be confirmed
        await session.SpeakAsync(1); // The user goes on: that reply is dropped, its tool never run.
        await session.SpeakAsync(1, loud: false);
        await SessionHarness.WaitUntilAsync(() => agent.Requests == 2, "the model asked in the second pause");
        await session.Clock.AdvanceAsync(TimeSpan.FromMilliseconds(64));
        Assert.Equal(0, agent.Invocations);
        Assert.DoesNotContain(session.Frames, f => f is ToolCallMessage or TranscriptMessage or AudioMessage);

        await session.SpeakAsync(2, loud: false); // The endpoint confirms the second.
        await session.WaitForAsync(f => f is AudioMessage, "the answer's audio");
        Assert.Equal(1, agent.Invocations);
        var frames = session.Frames.ToList();
        var line = frames.FindIndex(f => f is TranscriptMessage { Payload.Role: Roles.User });
        var started = frames.FindIndex(f => f is ToolCallMessage { Payload.Status: ToolCallStatuses.Started });
        Assert.InRange(started, line + 1, frames.Count);
        Assert.Single(frames, f => f is ToolCallMessage { Payload.Status: ToolCallStatuses.Started });
        await EndAndCheckWireAsync(session);
    }

    [Fact]
    public async Task A_tool_free_of_side_effects_runs_in_the_pause_and_its_statuses_go_out_after_the_users_line()
    {
        var agent = new ToolCallingAgentFactory("calculator", freeOfSideEffects: true, new TimelineClock().Time);
        await using var session = Timed(new SessionHarness(storage, heard: ["what time is it"], options: Options, agents: agent));
        await session.StartAsync();
        await session.SpeakAsync(2);
        await session.SpeakAsync(1, loud: false);
        await SessionHarness.WaitUntilAsync(() => agent.Invocations == 1 && agent.Requests == 2, "the tool run and the answer asked for in the pause");
        await session.Clock.AdvanceAsync(TimeSpan.FromMilliseconds(64));
        Assert.DoesNotContain(session.Frames, f => f is ToolCallMessage or TranscriptMessage or AudioMessage); // held, statuses too

        await session.SpeakAsync(2, loud: false);
        await session.WaitForAsync(f => f is AudioMessage, "the answer's audio");
        var frames = session.Frames.ToList();
        var line = frames.FindIndex(f => f is TranscriptMessage { Payload.Role: Roles.User });
        var started = frames.FindIndex(f => f is ToolCallMessage { Payload.Status: ToolCallStatuses.Started });
        var completed = frames.FindIndex(f => f is ToolCallMessage { Payload.Status: ToolCallStatuses.Completed });
        var audio = frames.FindIndex(f => f is AudioMessage);
        Assert.True(line < started && started < completed && completed < audio, $"order: line {line}, started {started}, completed {completed}, audio {audio}");
        Assert.Equal(1, agent.Invocations);
        await EndAndCheckWireAsync(session);
    }

    private static SessionHarness Timed(SessionHarness session)
    {
        session.Connection.ClockMs = () => session.Clock.Time.GetUtcNow().ToUnixTimeMilliseconds();
        return session;
    }

    /// <summary>Stops the session and checks the wire: `ended` last and once, no audio after `interrupted`, the last user turn answered.</summary>
    private static async Task EndAndCheckWireAsync(SessionHarness session)
    {
        await session.WaitForAsync(f => f is TranscriptMessage { Payload.Role: Roles.Agent }, "an answer");
        session.Send(StopMessage.Instance);
        await session.WaitForEndAsync();
        var frames = session.Frames.ToList();
        Assert.IsType<EndedMessage>(frames[^1]);
        Assert.Single(frames, f => f is EndedMessage);
        var interrupted = frames.FindIndex(f => f is InterruptedMessage);
        Assert.True(interrupted < 0, "`interrupted` was sent, though nothing the user heard was cut");
        Assert.True(TimelineInvariants.LastUserTurnAnswered(frames), "the user's turn was not answered");
    }
}

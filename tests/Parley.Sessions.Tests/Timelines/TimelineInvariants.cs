using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Sessions.Transport;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>The invariants every timeline must keep, checked on what went over the wire and what the engines hold.</summary>
internal static partial class TimelineInvariants
{
    private static readonly HashSet<string> PolicyErrors =
        [ErrorCodes.AgentNotFound, ErrorCodes.ConversationNotFound, ErrorCodes.SessionTimeout, ErrorCodes.RateLimited, ErrorCodes.ClientSilenceTimeout];

    /// <summary>What broke; empty when the timeline kept every invariant.</summary>
    public static IReadOnlyList<string> Check(TimelineOutcome outcome)
    {
        var problems = new List<string>();
        if (!outcome.Finished)
        {
            problems.Add($"stuck: RunAsync had not returned {TimelineRunner.StuckAfter.TotalSeconds} s after the client was done");
            return problems;
        }

        if (outcome.RunException is { } exception)
        {
            problems.Add($"RunAsync (or the driver) threw {exception.GetType().Name}: {exception.Message}");
        }

        CheckConnection(outcome, problems);
        var frames = outcome.Frames.Select(f => f.Message).ToList();
        CheckLifecycle(outcome, frames, problems);
        CheckCloseCode(outcome, frames, problems);
        CheckInterruptions(outcome.Timeline, frames, problems);
        CheckLiveness(outcome, problems);
        CheckAnnouncements(frames, problems);
        CheckSpeculations(outcome.Ledger, frames, problems);
        CheckLedger(outcome.Ledger, problems);
        return problems;
    }

    /// <summary>Whether the last user turn sent live has an answer after it: a transcript of a reply of the agent's (an idle prompt is no answer).</summary>
    public static bool LastUserTurnAnswered(IReadOnlyList<VoiceMessage> frames)
    {
        var lastTurn = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i] is TranscriptMessage { Payload.Role: Roles.User })
            {
                lastTurn = i;
            }
        }

        return lastTurn < 0 || frames.Skip(lastTurn + 1).Any(f => f is TranscriptMessage { Payload.Role: Roles.Agent } t && ReplyTag().IsMatch(t.Payload.Text));
    }

    /// <summary>
    /// Every user turn is answered or superseded by a newer one: a client that listens in silence after its steps hears an
    /// answer to its last turn, unless it interrupted that answer itself.
    /// </summary>
    /// <remarks>Earlier turns are superseded by definition; speech that came to nothing (a cough) must not leave the last one unanswered.</remarks>
    private static void CheckLiveness(TimelineOutcome outcome, List<string> problems)
    {
        // A session that ended by itself meanwhile (a limit, a failure, the agent hanging up) owes no answer.
        var endedByItself = outcome.CloseCode is not (CloseCodes.Normal or CloseCodes.ServiceRestart)
            || outcome.Frames.Any(f => f.Message is ToolCallMessage { Payload.ToolName: "end_call" });
        if (outcome.Settled == SettleResult.TimedOut && !outcome.Timeline.ClientMayCutLastTurn && !endedByItself)
        {
            problems.Add($"the last user turn had no answer after {2 * TimelineRunner.SettleFor.TotalSeconds} s of silence, the second half at a patient pace (every user turn is answered or superseded)");
        }
    }

    /// <summary>
    /// A background task's outcome is said at a turn boundary, never before the answer to a user turn: after a user line,
    /// the next agent line is the reply to it (tagged), unless that reply was cut off (<c>interrupted</c>) or the session
    /// failed (<c>error</c>) first.
    /// </summary>
    private static void CheckAnnouncements(List<VoiceMessage> frames, List<string> problems)
    {
        var awaitingAnswer = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            switch (frames[i])
            {
                case TranscriptMessage { Payload.Role: Roles.User }:
                    awaitingAnswer = i;
                    break;
                case InterruptedMessage or ErrorMessage:
                    awaitingAnswer = -1;
                    break;
                case TranscriptMessage { Payload: { Role: Roles.Agent, Text: var text } } when awaitingAnswer >= 0:
                    if (text == TimelineClient.TaskDone)
                    {
                        problems.Add($"[{i}] a task's outcome was said before the answer to the user turn at [{awaitingAnswer}]");
                    }

                    awaitingAnswer = -1;
                    break;
            }
        }
    }

    /// <summary>The timeline, the frames the session sent and what it logged, to reproduce a failure by.</summary>
    public static string Describe(TimelineOutcome outcome, IReadOnlyList<string> problems)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Timeline {outcome.Timeline}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  took {outcome.ElapsedMs:F0} ms; close {outcome.CloseCode?.ToString(CultureInfo.InvariantCulture) ?? "none"} ({outcome.CloseCalls} calls){(outcome.Aborted ? ", aborted" : string.Empty)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  engines: {outcome.Ledger.Describe()}");
        foreach (var problem in problems)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  PROBLEM: {problem}");
        }

        text.AppendLine("  frames sent:");
        var audioRun = 0;
        foreach (var (frame, i) in outcome.Frames.Select((f, i) => (f, i)))
        {
            if (frame.Message is AudioMessage)
            {
                audioRun++;
                var next = i + 1 < outcome.Frames.Count ? outcome.Frames[i + 1].Message : null;
                if (next is AudioMessage)
                {
                    continue;
                }

                text.AppendLine(CultureInfo.InvariantCulture, $"    {frame.AtMs,7:F0} ms  [{i}] audio x{audioRun}");
                audioRun = 0;
                continue;
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"    {frame.AtMs,7:F0} ms  [{i}] {Show(frame.Message)}{(frame.AfterClose ? " (after close)" : string.Empty)}");
        }

        foreach (var log in outcome.Logs)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  log: {log}");
        }

        return text.ToString();
    }

    private static string Show(VoiceMessage message) => message switch
    {
        TranscriptMessage t => $"transcript {t.Payload.Role}: \"{t.Payload.Text}\"",
        ErrorMessage e => $"error {e.Payload.Code}: {e.Payload.Message}",
        ToolCallMessage t => $"tool_call {t.Payload.ToolName} {t.Payload.Status}",
        EndedMessage e => $"ended ({e.Payload.Transcript.Count} transcript lines)",
        _ => message.Type,
    };

    private static void CheckConnection(TimelineOutcome outcome, List<string> problems)
    {
        if (outcome.CloseCalls != 1 || outcome.CloseCode is null)
        {
            problems.Add($"the connection was closed {outcome.CloseCalls} times (once, with a code, expected)");
        }

        if (outcome.Frames.Any(f => f.AfterClose))
        {
            problems.Add("frames were sent after the close");
        }

        if (outcome.ConcurrentSend)
        {
            problems.Add("two sends overlapped");
        }
    }

    private static void CheckLifecycle(TimelineOutcome outcome, List<VoiceMessage> frames, List<string> problems)
    {
        var started = frames.FindIndex(f => f is StartedMessage);
        if (frames.Count(f => f is StartedMessage) > 1)
        {
            problems.Add("more than one `started`");
        }

        if (started < 0)
        {
            // Refused (unknown agent or conversation) or drained before the start was read: errors only.
            if (frames.FirstOrDefault(f => f is not ErrorMessage) is { } other)
            {
                problems.Add($"`{other.Type}` sent though the session never started");
            }

            var plan = outcome.Timeline.Start;
            if (outcome.Timeline.Ending != Ending.Drain && !plan.UnknownAgent && !plan.UnknownConversation)
            {
                problems.Add("a valid start was not answered with `started`");
            }

            return;
        }

        if (frames.Take(started).FirstOrDefault(f => f is not ErrorMessage) is { } early)
        {
            problems.Add($"`{early.Type}` sent before `started`");
        }

        var ended = frames.Count(f => f is EndedMessage);
        if (ended != 1)
        {
            problems.Add($"{ended} `ended` frames after `started` (exactly one expected)");
        }
        else if (frames[^1] is not EndedMessage)
        {
            problems.Add($"`{frames[^1].Type}` sent after `ended`");
        }

        var ready = frames.FindIndex(f => f is ReadyMessage);
        if (frames.Count(f => f is ReadyMessage) > 1)
        {
            problems.Add("more than one `ready`");
        }

        var firstAudio = frames.FindIndex(f => f is AudioMessage);
        if (firstAudio >= 0 && (ready < 0 || firstAudio < ready))
        {
            problems.Add("agent audio before `ready`");
        }

        if (frames.OfType<EndedMessage>().LastOrDefault() is { } end)
        {
            if (end.Payload.Transcript.Any(line => line.Role is not (Roles.User or Roles.Agent)))
            {
                problems.Add("a transcript line of `ended` has a role other than user or agent");
            }

            // Nothing lost: every user turn sent live is in the final transcript, in order.
            var live = frames.OfType<TranscriptMessage>().Where(t => t.Payload.Role == Roles.User).Select(t => t.Payload.Text).ToList();
            var final = end.Payload.Transcript.Where(t => t.Role == Roles.User).Select(t => t.Text).ToList();
            if (!live.SequenceEqual(final))
            {
                problems.Add($"the user lines of `ended` [{string.Join(" | ", final)}] are not those sent live [{string.Join(" | ", live)}]");
            }
        }
    }

    private static void CheckCloseCode(TimelineOutcome outcome, List<VoiceMessage> frames, List<string> problems)
    {
        var errors = frames.OfType<ErrorMessage>().Select(e => e.Payload.Code).ToList();
        var faultFired = outcome.Ledger.FaultsFired.Count > 0;
        var started = frames.Any(f => f is StartedMessage);
        if (errors.Contains(ErrorCodes.InternalError) && !faultFired)
        {
            problems.Add("internal_error though no engine failed");
        }

        switch (outcome.CloseCode)
        {
            case CloseCodes.Normal:
                break;
            case CloseCodes.PolicyViolation when !errors.Any(PolicyErrors.Contains):
                problems.Add("closed 1008 without a policy error");
                break;
            case CloseCodes.InternalError when !faultFired:
                problems.Add("closed 1011 though no engine failed");
                break;
            case CloseCodes.InternalError when started && !errors.Contains(ErrorCodes.InternalError):
                problems.Add("closed 1011 without an internal_error");
                break;
            case CloseCodes.ServiceRestart when outcome.Timeline.Ending != Ending.Drain:
                problems.Add("closed 1012 though the server was not draining");
                break;
            case CloseCodes.PolicyViolation or CloseCodes.InternalError or CloseCodes.ServiceRestart or null:
                break;
            default:
                problems.Add($"closed with {outcome.CloseCode}, not a code of PROTOCOL.md");
                break;
        }

        var plan = outcome.Timeline.Start;
        if (outcome.Timeline.Ending != Ending.Drain && plan.UnknownAgent && !errors.Contains(ErrorCodes.AgentNotFound))
        {
            problems.Add("an unknown agent was not refused with agent_not_found");
        }

        if (errors.Contains(ErrorCodes.InvalidMessage) && !outcome.Timeline.Steps.Any(s => s.Kind is StepKind.BadJson or StepKind.UnknownType or StepKind.EmptyText))
        {
            problems.Add("invalid_message though every frame was valid");
        }
    }

    /// <summary>
    /// No audio after <c>interrupted</c> from the reply it cut off, nor from any reply answering an earlier turn.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Each scripted reply tags its sentences <c>r{n}</c> (n counts the agent's replies), so the audio after an agent
    /// transcript belongs to the reply named in it; idle prompts are untagged, each its own reply. A reply answers the
    /// user turns sent before its first transcript: the session records a new turn only once the reply it cut off has
    /// ended, so a reply never speaks after a turn newer than those it answers (several turns that came while one reply
    /// wound down are answered by the next reply together).
    /// </para>
    /// <para>
    /// Rules: (1) audio follows an agent transcript of its reply; (2) once `interrupted` is sent, the reply that was
    /// speaking sends no more audio; (3) once user turn u is sent, no reply answering only earlier turns sends audio;
    /// (4) without idle prompts, the only audio after `interrupted` is from a reply answering a user turn sent after it.
    /// Since `interrupted` is posted under the lock that posts audio, the rules are strict on the wire: not even the frame
    /// in flight may follow. A false interruption (speech that cut the agent off by its sound, or by partial words, and
    /// then proved to be a backchannel, a cough or echo) resumes the cut reply, with every recogniser: the rest of it is a
    /// reply of its own on the wire, so it may speak again only starting with a new transcript of its own, and only when
    /// no user turn came since it was cut (5). A resumed reply is cut like any other, and may resume again.
    /// </para>
    /// </remarks>
    private static void CheckInterruptions(Timeline timeline, List<VoiceMessage> frames, List<string> problems)
    {
        var userTurns = 0;
        var idlePrompts = 0;
        Reply? speaking = null;
        var replies = new Dictionary<string, Reply>();
        var interruptedAt = -1;
        var turnsAtInterrupted = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            switch (frames[i])
            {
                case TranscriptMessage { Payload.Role: Roles.User }:
                    userTurns++;
                    break;
                case TranscriptMessage { Payload.Role: Roles.Agent } agent:
                    var tag = ReplyTag().Match(agent.Payload.Text);
                    var key = tag.Success ? tag.Value : $"idle{++idlePrompts}";
                    if (!replies.TryGetValue(key, out speaking))
                    {
                        speaking = replies[key] = new Reply(key, userTurns);
                    }
                    else if (speaking.Silenced && userTurns == turnsAtInterrupted)
                    {
                        speaking.Silenced = false; // A false interruption: the cut reply picks up where it was.
                        interruptedAt = -1;
                    }

                    break;
                case InterruptedMessage:
                    if (speaking is not null)
                    {
                        speaking.Silenced = true;
                    }

                    interruptedAt = i;
                    turnsAtInterrupted = userTurns;
                    break;
                case AudioMessage:
                    if (speaking is null)
                    {
                        problems.Add($"[{i}] audio before any agent transcript");
                    }
                    else if (speaking.Silenced)
                    {
                        problems.Add($"[{i}] audio of reply {speaking.Key} after `interrupted` cut it off");
                    }
                    else if (speaking.Answers < userTurns)
                    {
                        problems.Add($"[{i}] audio of reply {speaking.Key} (answering turns up to {speaking.Answers}) after user turn {userTurns}");
                    }
                    else if (!timeline.IdlePrompts && timeline.TasksFinishAfter.Count == 0 && interruptedAt >= 0 && speaking.Answers <= turnsAtInterrupted)
                    {
                        problems.Add($"[{i}] audio of reply {speaking.Key} after the `interrupted` at [{interruptedAt}] with no user turn since");
                    }

                    break;
            }

            if (problems.Count > 5)
            {
                return;
            }
        }
    }

    /// <summary>
    /// A reply prepared on the user's words as they paused sends nothing unless its turn is confirmed: no transcript (so
    /// no audio, rule 1) of a dropped one ever goes out, and a confirmed one speaks only after the user's line it answers.
    /// </summary>
    private static void CheckSpeculations(EngineLedger ledger, List<VoiceMessage> frames, List<string> problems)
    {
        foreach (var dropped in ledger.SpeculationsDropped)
        {
            var tag = $"r{dropped.ToString(CultureInfo.InvariantCulture)}";
            var sent = frames.FindIndex(f => f is TranscriptMessage { Payload.Role: Roles.Agent } t && ReplyTag().Matches(t.Payload.Text).Any(m => m.Value == tag));
            if (sent >= 0)
            {
                problems.Add($"[{sent}] reply {tag} was prepared speculatively and dropped, yet it was sent");
            }
        }

        foreach (var confirmed in ledger.SpeculationsConfirmed)
        {
            var tag = $"r{confirmed.ToString(CultureInfo.InvariantCulture)}";
            var first = frames.FindIndex(f => f is TranscriptMessage { Payload.Role: Roles.Agent } t && ReplyTag().Matches(t.Payload.Text).Any(m => m.Value == tag));
            if (first >= 0 && !frames.Take(first).Any(f => f is TranscriptMessage { Payload.Role: Roles.User }))
            {
                problems.Add($"[{first}] speculative reply {tag} spoke before any user line");
            }
        }
    }

    private static void CheckLedger(EngineLedger ledger, List<string> problems)
    {
        if (ledger.OpenRecognitionStreams != 0)
        {
            problems.Add($"{ledger.OpenRecognitionStreams} recognition streams left open");
        }

        if (ledger.OpenVadStreams != 0)
        {
            problems.Add($"{ledger.OpenVadStreams} VAD streams left open");
        }

        if (ledger.RunningSyntheses != 0)
        {
            problems.Add($"{ledger.RunningSyntheses} syntheses still running");
        }

        if (ledger.RunningChats != 0)
        {
            problems.Add($"{ledger.RunningChats} chat streams still running (a reply that never ended)");
        }

        if (ledger.LiveAgents != 0)
        {
            problems.Add($"{ledger.LiveAgents} agents not released");
        }
    }

    [GeneratedRegex(@"\br(\d+)\b")]
    private static partial Regex ReplyTag();

    private sealed class Reply(string key, int answers)
    {
        public string Key => key;

        public int Answers => answers;

        public bool Silenced { get; set; }
    }
}

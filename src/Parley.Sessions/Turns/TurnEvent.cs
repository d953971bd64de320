using Microsoft.Extensions.AI;
using Parley.Sessions.Replies;
using Parley.Sessions.Telemetry;

namespace Parley.Sessions.Turns;

/// <summary>Something that happened in a session and may change whose turn it is; posted to the <see cref="TurnOwner"/>.</summary>
/// <remarks>
/// The listener, the receive loop, the idle prompter and the replies only post these; the owner alone acts on them,
/// one at a time and in the order they were posted, so no two of them can race over the current reply.
/// </remarks>
internal abstract record TurnEvent
{
    /// <summary>The user finished a spoken turn; <paramref name="SessionEnding"/> when the session ends as they speak (kept, not answered).</summary>
    public sealed record UserSpoke(string Text, TurnTimings? Timings, bool SessionEnding = false) : TurnEvent;

    /// <summary>The user typed a turn (a <c>text</c> frame).</summary>
    public sealed record UserTyped(string Text) : TurnEvent;

    /// <summary>The user began to speak while the agent was not audible: a reply still being prepared waits to see whether this is a turn.</summary>
    public sealed record SpeechStarted : TurnEvent;

    /// <summary>The user paused after words that look finished (<paramref name="Words"/>, the recogniser's so far): a reply may be prepared on them, held until the endpoint.</summary>
    /// <remarks>Posted again in the same pause when the words change; the endpoint (<see cref="UserSpoke"/>) confirms or drops what was prepared.</remarks>
    public sealed record PauseBegan(string Words) : TurnEvent;

    /// <summary>The user spoke again after a pause that had begun (<see cref="PauseBegan"/>) before it became an endpoint: their turn goes on.</summary>
    public sealed record SpeechResumed : TurnEvent;

    /// <summary>An utterance came to no turn (a cough, echo, a backchannel); <paramref name="CutTheAgentOff"/> when it had barged in.</summary>
    public sealed record UtteranceDismissed(bool CutTheAgentOff) : TurnEvent;

    /// <summary>The user began to speak while the agent was audible: a line that can fall silent at once does, until their words decide.</summary>
    public sealed record SpeechOverAgent : TurnEvent;

    /// <summary>The user took the floor while the agent was speaking; <paramref name="OnSound"/> when judged by their voice's sound alone (their words decide later whether it stands).</summary>
    public sealed record BargeIn(bool OnSound = false) : TurnEvent;

    /// <summary>The client sent <c>interrupt</c>.</summary>
    public sealed record ClientInterrupt : TurnEvent;

    /// <summary>The user has been silent for the idle-prompt delay since the agent finished.</summary>
    public sealed record IdleTimeout : TurnEvent;

    /// <summary>A reply is over: what was heard of it, the tools it used, or why it failed; <paramref name="EndCallRequested"/> when it called <c>end_call</c>.</summary>
    public sealed record ReplyEnded(
        ReplyHandle Reply, string HeardText, bool Interrupted, IReadOnlyList<ChatMessage> ToolExchange, Exception? Failure, bool EndCallRequested = false) : TurnEvent;

    /// <summary>The node drains: end the session once no reply is running, no user turn waits and the user is not speaking.</summary>
    public sealed record DrainRequested : TurnEvent;

    /// <summary>The session is ending: the agent stops, and user words that still come are kept but not answered.</summary>
    public sealed record EndRequested : TurnEvent;

    /// <summary>The listener has handed over everything it heard; once the last reply is over, the owner is done.</summary>
    public sealed record ListenerDone : TurnEvent;

    /// <summary>A task was handed to an agent (by a tool of the reply now playing): work is under way.</summary>
    public sealed record TaskDelegated(string TaskId) : TurnEvent;

    /// <summary>A task of the conversation finished (or was cancelled); its outcome is said at the next turn boundary.</summary>
    public sealed record TaskFinished(Storage.Orchestration.OrchestratorTaskRecord Task) : TurnEvent;

    /// <summary>The user was told how a task ended (they asked), or cancelled it: nothing is left to say about it.</summary>
    public sealed record TaskSettled(string TaskId) : TurnEvent;
}

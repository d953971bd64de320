using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Parley.Protocol.Messages;
using Parley.Sessions.Idle;
using Parley.Sessions.Lifecycle;
using Parley.Sessions.Replies;
using Parley.Sessions.Telemetry;

namespace Parley.Sessions.Turns;

/// <summary>The one owner of a session's turn state: the only code that starts, holds, interrupts or ends a reply.</summary>
/// <remarks>
/// <para>
/// Everything else posts <see cref="TurnEvent"/>s and the owner acts on them one at a time, in order, from one loop
/// (<see cref="RunAsync"/>). At most one reply runs at a time: a user turn that arrives while one runs cuts it off,
/// and is recorded and answered once that reply has ended, so what the user heard of it is in the history first.
/// </para>
/// <para>
/// Liveness: every user turn is answered or superseded by a newer one. Speech that begins while a reply is still being
/// prepared only holds that reply; if the speech turns out to be no turn (a cough, a backchannel), the reply goes on.
/// The wire invariant (no audio after <c>interrupted</c>) lives in <see cref="ReplyHandle"/>, which posts both.
/// </para>
/// </remarks>
internal sealed partial class TurnOwner
{
    private readonly Channel<TurnEvent> _events = Channel.CreateBounded<TurnEvent>(
        new BoundedChannelOptions(64) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly TurnOwnerSetup _setup;
    private ReplyContext? _replies;
    private readonly List<Task> _endedReplies = [];
    private readonly List<TurnEvent> _waiting = [];
    private volatile ReplyHandle? _current;
    private ReplyHandle? _cutOff;
    private long _cutOffAt;
    private volatile string? _cutOffSpeech;
    private bool _resumeCutOff;
    private bool _userSpeaking;
    private bool _ending;
    private bool _draining;
    private bool _listenerDone;

    public TurnOwner(TurnOwnerSetup setup) => _setup = setup;

    /// <summary>What the agent is saying while its audio plays; null when it is silent. Safe from any thread.</summary>
    /// <remarks>
    /// Also, while a reply cut off by speech may yet go on (until the words decide, and until its rest is audible), what it
    /// was saying: the floor is still the agent's, so speech then (the second syllable of "uh huh") is judged as said over it.
    /// </remarks>
    public string? AgentSpeech => _current?.SpeechInProgress ?? _cutOffSpeech;

    /// <summary>Posts an event; waits only while the owner is 64 events behind.</summary>
    public ValueTask PostAsync(TurnEvent turnEvent) => _events.Writer.WriteAsync(turnEvent);

    /// <summary>Posts an event from code that cannot wait (a timer); false when the owner is far behind or done.</summary>
    public bool TryPost(TurnEvent turnEvent) => _events.Writer.TryWrite(turnEvent);

    /// <summary>Opens the conversation (a greeting, or the answer to <c>initial_message</c>), then acts on events until the session is over.</summary>
    /// <param name="replies">What replies need (the agent is built by now); events posted earlier wait for this.</param>
    /// <param name="opening">The first user turn (<c>initial_message</c>), <see cref="string.Empty"/> to greet, or null to wait for the user.</param>
    /// <param name="openingLine">Words said as they are in place of the agent's greeting (a phone number's greeting), or null.</param>
    /// <remarks>Without <paramref name="replies"/> (the session ended before it was ready) user turns are recorded, never answered.</remarks>
    /// <param name="heldOver">Tasks of the conversation finished since its last session, and not yet heard: said first, instead of the greeting.</param>
    public async Task RunAsync(
        ReplyContext? replies, string? opening, IReadOnlyList<Storage.Orchestration.OrchestratorTaskRecord>? heldOver = null, string? openingLine = null)
    {
        _replies = replies;
        _ending |= replies is null;
        QueueAnnouncements(heldOver ?? [], silentStart: opening is null);
        if (opening is { Length: > 0 })
        {
            _waiting.Add(new TurnEvent.UserTyped(opening));
            AnswerWaiting();
        }
        else if (opening is not null && !_ending && _announcements.Count > 0)
        {
            StartAnnouncement(opening: true);
        }
        else if (opening is not null && !_ending && openingLine is { Length: > 0 })
        {
            _current = StartScripted(openingLine);
        }
        else if (opening is not null)
        {
            _current = StartReply(timings: null);
        }

        await foreach (var turnEvent in _events.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            Handle(turnEvent);
            if (_listenerDone && _current is null)
            {
                break;
            }
        }

        _events.Writer.TryComplete();
        await Task.WhenAll(_endedReplies).ConfigureAwait(false);
    }

    private void Handle(TurnEvent turnEvent)
    {
        if (EndsSpeculation(turnEvent))
        {
            _speculateNext = null;
            DropSpeculation(); // Silently: nothing of it was sent. It winds down as the current reply.
        }

        switch (turnEvent)
        {
            case TurnEvent.UserSpoke or TurnEvent.UserTyped:
                OnUserTurn(turnEvent);
                break;
            case TurnEvent.PauseBegan pause:
                OnPauseBegan(pause.Words);
                break;
            case TurnEvent.SpeechStarted:
                _setup.Idle.UserActive();
                _userSpeaking = true;
                _current?.Hold();
                break;
            case TurnEvent.SpeechOverAgent:
                // Over /ws/voice nothing changes until the words decide; a phone line falls silent now (see ReplyHandle.PauseLine).
                _setup.Idle.UserActive();
                _current?.PauseLine();
                break;
            case TurnEvent.UtteranceDismissed dismissed:
                _userSpeaking = false;
                _current?.Release();
                if (dismissed.CutTheAgentOff)
                {
                    OnFalseInterruption();
                }

                AnnounceIfQuiet();
                EndIfDrained();
                break;
            // A line already silenced at the onset (a phone call) needs no cut on sound: the words decide, as the line waits.
            case TurnEvent.BargeIn { OnSound: true } when _current?.LinePaused == true:
                break;
            // The sound was judged against what the agent was saying then; by now the reply may be one not yet heard (the
            // answer to a turn taken meanwhile, still being prepared): nothing to cut. Cut, it would resume only as far as
            // it had been generated, or not at all, leaving that turn unanswered; held, it plays once the words prove no turn.
            case TurnEvent.BargeIn { OnSound: true } when _current is { SpeechInProgress: null } preparing:
                _setup.Idle.UserActive();
                _userSpeaking = true;
                preparing.Hold();
                break;
            case TurnEvent.BargeIn:
                _setup.Idle.UserActive();
                // Cut at once, possibly on the speech's sound alone: if its words prove no turn, the reply resumes (OnFalseInterruption).
                if (_current is { } playing && playing.SpeechInProgress is var speech && playing.Interrupt())
                {
                    _cutOff = playing;
                    _cutOffSpeech = speech;
                    _cutOffAt = _replies?.Time.GetTimestamp() ?? 0;
                    _resumeCutOff = false; // Its own words decide.
                }

                break;
            case TurnEvent.ClientInterrupt:
                ForgetCutOff();
                if (_current?.Interrupt() != true)
                {
                    _setup.Outbox.Post(InterruptedMessage.Instance);
                }

                break;
            // Not while a background task works for the user: they are waiting for it, not gone.
            case TurnEvent.IdleTimeout when !_ending && !_draining && _current is null && _waiting.Count == 0 && _tasksWorking.Count == 0:
                _current = StartScripted(_setup.Options.IdlePrompt);
                break;
            case TurnEvent.ReplyEnded ended:
                OnReplyEnded(ended);
                break;
            case TurnEvent.DrainRequested:
                _draining = true;
                EndIfDrained();
                break;
            case TurnEvent.EndRequested:
                _ending = true;
                _setup.Idle.Dispose();
                _current?.Interrupt(notify: false);
                break;
            case TurnEvent.ListenerDone:
                _listenerDone = true;
                break;
            case TurnEvent.TaskDelegated or TurnEvent.TaskFinished or TurnEvent.TaskSettled:
                OnTaskEvent(turnEvent);
                break;
        }
    }

    private void OnUserTurn(TurnEvent turn)
    {
        _setup.Idle.UserActive();
        _userSpeaking = false;
        ForgetCutOff();
        if (AnsweredBySpeculation(turn))
        {
            return;
        }

        _waiting.Add(turn);
        if (_current is { } running)
        {
            // Answered once the reply being cut off has ended and what was heard of it is recorded.
            running.Interrupt(notify: !_ending);
            return;
        }

        AnswerWaiting();
    }

    private void OnFalseInterruption()
    {
        if (_cutOff is not { } cut)
        {
            return;
        }

        if (_current == cut)
        {
            _resumeCutOff = true; // Said once the cut reply has wound down.
        }
        else if (_current is null)
        {
            Resume(cut);
        }
        else
        {
            ForgetCutOff(); // Something else is being said already.
        }
    }

    /// <summary>Nothing cut off goes on: a turn was taken, the client interrupted, or something else is said.</summary>
    private void ForgetCutOff()
    {
        _cutOff = null;
        _cutOffSpeech = null;
        _resumeCutOff = false; // Else a later cut would resume the moment it winds down, before its own words decide.
    }

    private void OnReplyEnded(TurnEvent.ReplyEnded ended)
    {
        if (ended.Reply.Unconfirmed)
        {
            OnSpeculationEnded(ended);
            return;
        }

        _endedReplies.Add(ended.Reply.Completion);
        if (ended.Reply == _current)
        {
            _current = null;
        }

        var announcementHeard = OnAnnouncementEnded(ended);
        if (ended.Failure is { } failure)
        {
            LogReplyFailed(_setup.Logger, failure, _setup.MessageId);
            _setup.RequestEnd(EndReason.InternalError);
        }
        else
        {
            _setup.History.AddRange(ended.ToolExchange);
            if (ended.HeardText.Length > 0)
            {
                _setup.Transcript.Agent(ended.HeardText);
            }

            // The agent said goodbye: end once it has been heard, unless the user cut in to go on talking.
            if (ended.EndCallRequested && !ended.Interrupted)
            {
                _setup.RequestEnd(EndReason.AgentEndedCall);
            }

            // While a task works for the user the idle prompt waits; the announcement of its outcome arms it again.
            if (!ended.Interrupted && _tasksWorking.Count == 0)
            {
                _setup.Idle.AgentFinished();
            }
        }

        if (announcementHeard is { Count: > 0 })
        {
            _setup.TasksHeard?.Invoke(announcementHeard);
        }

        if (_current is not null)
        {
            return;
        }

        if (_cutOff != ended.Reply)
        {
            _cutOffSpeech = null; // Nothing cut off may go on (a resumed reply has ended, or a turn was taken).
        }

        if (_waiting.Count > 0)
        {
            AnswerWaiting();
        }
        else if (_resumeCutOff && _cutOff == ended.Reply)
        {
            Resume(ended.Reply);
        }
        else if (ended.Failure is null)
        {
            AnnounceIfQuiet(); // not after a failure: the session is ending
        }

        EndIfDrained();
    }

    /// <summary>Draining: the session ends at the first moment nobody's turn is in progress, so no reply is cut and no user turn is left unanswered.</summary>
    private void EndIfDrained()
    {
        if (_draining && _current is null && _waiting.Count == 0 && !_userSpeaking)
        {
            _setup.RequestEnd(EndReason.Draining);
        }
    }

    /// <summary>Records the user turns that waited, then answers them with one reply (none once the session is ending).</summary>
    private void AnswerWaiting()
    {
        TurnTimings? timings = null;
        var stored = Task.CompletedTask;
        foreach (var turn in _waiting)
        {
            switch (turn)
            {
                case TurnEvent.UserSpoke spoke:
                    stored = _setup.Transcript.User(spoke.Text);
                    timings = spoke.Timings;
                    break;
                case TurnEvent.UserTyped typed:
                    stored = _setup.Transcript.User(typed.Text);
                    timings = null;
                    break;
            }
        }

        _waiting.Clear();
        _announcementsHeld = false;
        if (!_ending)
        {
            _current = StartReply(timings, stored);
        }
    }

    /// <summary>After a false interruption: says the rest of the cut reply, from the start of the sentence that was cut.</summary>
    private void Resume(ReplyHandle cut)
    {
        _cutOff = null;
        _resumeCutOff = false;
        _cutOffSpeech = _ending ? null : _cutOffSpeech;
        if (!_ending && cut.Unheard is { Length: > 0 } rest)
        {
            // A reply of its own on the wire: `interrupted` ended the cut one, so this one begins with its own transcript.
            _current = ReplyHandle.StartScripted(_replies!, rest, _setup.Lifetime, held: _userSpeaking, new ResumeGap(_replies!.Time, _cutOffAt));
        }
        else
        {
            _cutOffSpeech = null;
        }
    }

    // A reply that starts while the user is speaking is held: it waits to see whether that is a turn of theirs.
    private ReplyHandle StartReply(TurnTimings? timings, Task? questionStored = null)
        => ReplyHandle.Start(_replies!, _setup.History.Snapshot(_setup.Options.HistoryTokenBudget), _setup.Lifetime, timings, held: _userSpeaking, questionStored);

    private ReplyHandle StartScripted(string text) => ReplyHandle.StartScripted(_replies!, text, _setup.Lifetime, held: _userSpeaking);

    [LoggerMessage(Level = LogLevel.Error, Message = "A reply in the session of message {MessageId} failed.")]
    private static partial void LogReplyFailed(ILogger logger, Exception exception, string messageId);
}

using Microsoft.Extensions.AI;
using Parley.Sessions.Replies;
using Parley.Sessions.Telemetry;

namespace Parley.Sessions.Turns;

// Speculative replies: when the user pauses after words that look finished, the answer to those words is prepared at
// once (agent, synthesis, tools free of side effects), held, while the endpoint silence runs out. At the endpoint, if the
// final words are the same (case, punctuation and spacing aside), the user's line is recorded and the held reply plays:
// its first audio is ready, so the agent's thinking and the first synthesis no longer follow the endpoint. Otherwise, or
// when the user goes on, it is dropped unsent (no `interrupted`: nothing was said) and the turn is answered as usual.
// The speculation is the current reply while it runs, so one reply at a time still holds: a dropped one winds down
// before the next starts.
internal sealed partial class TurnOwner
{
    // The reply prepared on the user's words as they pause (it is _current too), and those words.
    private (ReplyHandle Reply, string Words)? _speculation;

    // Newer words of the same pause, prepared once the reply dropped for them has wound down.
    private string? _speculateNext;

    /// <summary>Events after which the user's pause is not the end of their turn, or no reply may be prepared for it.</summary>
    private static bool EndsSpeculation(TurnEvent turnEvent) => turnEvent is TurnEvent.SpeechResumed or TurnEvent.SpeechStarted
        or TurnEvent.SpeechOverAgent or TurnEvent.UtteranceDismissed or TurnEvent.BargeIn or TurnEvent.ClientInterrupt
        or TurnEvent.EndRequested or TurnEvent.ListenerDone;

    private void OnPauseBegan(string words)
    {
        if (_speculation is { } speculation)
        {
            if (SameWords(speculation.Words, words))
            {
                return;
            }

            DropSpeculation(); // The recogniser revised the words: prepare the answer to the new ones.
            _speculateNext = words;
        }
        else if (_current is { Unconfirmed: true })
        {
            _speculateNext = words; // A dropped one is still winding down.
        }
        else
        {
            Speculate(words);
        }
    }

    private void Speculate(string words)
    {
        if (!_setup.Options.SpeculativeReplies || _replies is null || _ending || _draining || _current is not null || _waiting.Count > 0 || _cutOff is not null)
        {
            return;
        }

        var messages = _setup.History.Snapshot(_setup.Options.HistoryTokenBudget, new ChatMessage(ChatRole.User, words));
        _current = ReplyHandle.StartSpeculative(_replies, messages, _setup.Lifetime);
        _speculation = (_current, words);
        ParleyMetrics.SpeculationsStarted.Add(1);
    }

    /// <summary>At a user turn: plays the reply prepared for it when its words are the ones it was prepared on (true), else drops it.</summary>
    private bool AnsweredBySpeculation(TurnEvent turn)
    {
        _speculateNext = null;
        if (_speculation is not { } speculation)
        {
            return false;
        }

        if (turn is TurnEvent.UserSpoke { SessionEnding: false } spoke && !_ending && SameWords(speculation.Words, spoke.Text)
            && speculation.Reply.TryConfirm(spoke.Timings, () => _setup.Transcript.User(spoke.Text)))
        {
            _speculation = null;
            _announcementsHeld = false;
            ParleyMetrics.SpeculationsConfirmed.Add(1);
            return true;
        }

        // Answered once the dropped reply has wound down, as a turn that cut a reply off is.
        DropSpeculation();
        return false;
    }

    private void DropSpeculation()
    {
        if (_speculation is { } speculation)
        {
            _speculation = null;
            speculation.Reply.Drop();
            ParleyMetrics.SpeculationsDropped.Add(1);
        }
    }

    /// <summary>A reply that was never confirmed is over: nothing of it was sent, and nothing of it is recorded.</summary>
    private void OnSpeculationEnded(TurnEvent.ReplyEnded ended)
    {
        _endedReplies.Add(ended.Reply.Completion);
        if (_speculation?.Reply == ended.Reply)
        {
            // Over unconfirmed without being dropped: stopped by the session's end, or failed (the answer to the final words will tell).
            _speculation = null;
            ParleyMetrics.SpeculationsDropped.Add(1);
        }

        if (ended.Reply != _current)
        {
            return;
        }

        _current = null;
        if (_waiting.Count > 0)
        {
            AnswerWaiting();
        }
        else if (_speculateNext is { } next)
        {
            _speculateNext = null;
            Speculate(next);
        }
        else
        {
            AnnounceIfQuiet();
        }

        EndIfDrained();
    }

    /// <summary>Whether two transcripts say the same words: letters and digits compared without case, apostrophes dropped, anything else a word break.</summary>
    internal static bool SameWords(string a, string b) => Words(a).SequenceEqual(Words(b), StringComparer.Ordinal);

    private static string[] Words(string text)
        => new string([.. text.Where(c => c is not ('\'' or '\u2019')).Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Sessions.History;
using Parley.Sessions.Outbound;
using Parley.Sessions.Recording;
using Parley.Storage.Messages;

namespace Parley.Sessions.Turns;

/// <summary>The lines of a session: sent live, given to the agent's history, stored in the timeline, returned in <c>ended</c>.</summary>
/// <remarks>
/// Only the <see cref="TurnOwner"/> records lines, one at a time, so the order on the wire, in history and in storage is
/// one order. The <c>ended</c> payload keeps the newest lines within <see cref="VoiceSessionOptions.MaxEndedTranscriptChars"/>
/// (the stored timeline keeps every line), so a long session cannot make one frame of any size.
/// </remarks>
internal sealed class SessionTranscript(
    Outbox outbox, ConversationHistory history, TimelineRecorder recorder, Func<long> elapsedMs, int maxEndedChars, bool sendUser, bool sendAgent)
{
    private readonly LinkedList<TranscriptPayload> _lines = new();
    private long _chars;

    /// <summary>Records a line of the user's (sent live unless <c>input_transcription</c> is off); the task completes once it is stored.</summary>
    /// <remarks>
    /// The answer's audio waits for it, so a server killed while the user hears the answer has the question on disk.
    /// With the database away the task completes at the first failed write (the line is retried in the background).
    /// </remarks>
    public Task User(string text) => recorder.RecordAsync(Line(Roles.User, text, sendUser));

    /// <summary>Records what the user heard of an agent reply (its pieces were sent live as they began to play).</summary>
    public void Agent(string text) => recorder.Record(Line(Roles.Agent, text, sendLive: false));

    /// <summary>Whether agent pieces are sent live as they play.</summary>
    public bool SendsAgentPieces => sendAgent;

    /// <summary>The lines for <c>ended</c>; call once the session's turns are over.</summary>
    public IReadOnlyList<TranscriptPayload> Lines => [.. _lines];

    /// <summary>Sends, keeps and adds to the history one line; returns its timeline event, for the caller to store.</summary>
    private TimelineEvent Line(string role, string text, bool sendLive)
    {
        var line = new TranscriptPayload(role, text);
        if (sendLive)
        {
            outbox.Post(new TranscriptMessage(line));
        }

        _lines.AddLast(line);
        _chars += text.Length;
        while (_chars > maxEndedChars && _lines.Count > 1)
        {
            _chars -= _lines.First!.Value.Text.Length;
            _lines.RemoveFirst();
        }

        history.Add(role, text);
        return new TimelineEvent { TimestampMs = elapsedMs(), Type = TimelineEventTypes.Transcript, Role = role, Text = text };
    }
}

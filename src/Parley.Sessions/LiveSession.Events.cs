using System.Text.Json;
using Microsoft.Extensions.Logging;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;
using Parley.Sessions.Lifecycle;
using Parley.Sessions.Turns;
using Parley.Storage.Messages;

namespace Parley.Sessions;

// What the listener, the replies and the agent's tools report: turn events go to the owner; the rest straight out.
internal sealed partial class LiveSession
{
    ValueTask Listening.IListenerSink.OnSpeechStartedAsync() => _owner.PostAsync(new TurnEvent.SpeechStarted());

    ValueTask Listening.IListenerSink.OnSpeechOverAgentAsync() => _owner.PostAsync(new TurnEvent.SpeechOverAgent());

    ValueTask Listening.IListenerSink.OnPauseBeganAsync(string words) => _owner.PostAsync(new TurnEvent.PauseBegan(words));

    ValueTask Listening.IListenerSink.OnSpeechResumedAsync() => _owner.PostAsync(new TurnEvent.SpeechResumed());

    ValueTask Listening.IListenerSink.OnBargeInAsync(bool onSound) => _owner.PostAsync(new TurnEvent.BargeIn(onSound));

    ValueTask Listening.IListenerSink.OnUtteranceDismissedAsync(bool cutTheAgentOff) => _owner.PostAsync(new TurnEvent.UtteranceDismissed(cutTheAgentOff));

    string? Listening.IListenerSink.AgentSpeech => _owner.AgentSpeech;

    ValueTask Listening.IListenerSink.OnUserSpokeAsync(string text, bool sessionEnding, Telemetry.TurnTimings? timings)
    {
        if (timings is not null)
        {
            timings.Reached = _latencies.Add;
        }

        return _owner.PostAsync(new TurnEvent.UserSpoke(text, timings, sessionEnding));
    }

    void Listening.IListenerSink.OnClientSilenceTimeout() => _requestEnd(EndReason.ClientSilence);

    ValueTask Replies.IReplyObserver.OnReplyEndedAsync(TurnEvent.ReplyEnded ended)
        => _owner.PostAsync(ended with { EndCallRequested = Interlocked.Exchange(ref _endCallRequested, 0) == 1 });

    void Agents.IAgentEventSink.OnToolStatus(string toolName, string status)
    {
        _setup.Outbox.Post(new ToolCallMessage(new ToolCallPayload(toolName, status)));
        _recorder.Record(new TimelineEvent { TimestampMs = ElapsedMs(), Type = TimelineEventTypes.ToolCallStatus, ToolName = toolName, Status = status });
    }

    void Parley.Tools.IToolEvents.OnCitations(IReadOnlyList<Citation> citations)
    {
        if (citations.Count == 0)
        {
            return;
        }

        var at = ElapsedMs();
        _setup.Outbox.Post(new CitationMessage(new CitationPayload(citations, at)));
        _recorder.Record(new TimelineEvent
        {
            TimestampMs = at,
            Type = TimelineEventTypes.Citation,
            CitationsJson = JsonSerializer.Serialize(citations, ProtocolJsonContext.Default.IReadOnlyListCitation),
        });
    }

    // Tools run inside the reply now playing; the request is handed over with that reply's end.
    void Parley.Tools.IToolEvents.OnEndCallRequested() => Interlocked.Exchange(ref _endCallRequested, 1);

    [LoggerMessage(Level = LogLevel.Error, Message = "Listening failed in the session of message {MessageId}.")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The end of the session of message {MessageId} was not stored; its ended frame still carries the transcript.")]
    private static partial void LogEndNotStored(ILogger logger, Exception exception, string messageId);
}

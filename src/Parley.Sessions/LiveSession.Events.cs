using Microsoft.Extensions.Logging;
using Parley.Protocol;
using Parley.Protocol.Messages;
using System.Text.Json;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;
using Parley.Sessions.Lifecycle;
using Parley.Storage.Messages;

namespace Parley.Sessions;

// What the listener and the replies report.
internal sealed partial class LiveSession
{
    void Listening.IListenerSink.OnSpeechStarted()
    {
        _idle.UserActive();
        _current?.Interrupt();
    }

    void Listening.IListenerSink.OnBargeIn()
    {
        _idle.UserActive();
        var reply = _current;
        if (reply?.Interrupt() == true)
        {
            _cutOff = reply;
        }
    }

    void Listening.IListenerSink.OnFalseInterruption()
    {
        if (Interlocked.Exchange(ref _cutOff, null) is { } reply)
        {
            _resuming = ResumeAsync(reply);
        }
    }

    string? Listening.IListenerSink.AgentSpeech => _current?.SpeechInProgress;

    Task Listening.IListenerSink.OnUserSpokeAsync(string text, bool sessionEnding, Telemetry.TurnTimings? timings)
    {
        if (sessionEnding)
        {
            RecordLine(Roles.User, text, _sendUserTranscripts);
            return Task.CompletedTask;
        }

        return RespondAsync(text, timings);
    }

    void Listening.IListenerSink.OnClientSilenceTimeout() => _requestEnd(EndReason.ClientSilence);

    void Replies.IReplyObserver.OnPieceSpoken(string text)
    {
        if (_sendAgentTranscripts)
        {
            _setup.Outbox.Post(new TranscriptMessage(new TranscriptPayload(Roles.Agent, text)));
        }
    }

    void Replies.IReplyObserver.OnReplyFinished(string heardText, bool interrupted, IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> toolExchange)
    {
        _setup.History.AddRange(toolExchange);
        if (heardText.Length > 0)
        {
            RecordLine(Roles.Agent, heardText, sendLive: false);
        }

        // The agent said goodbye: end once it has been heard, unless the user cut in to go on talking.
        if (_endCallRequested && !interrupted)
        {
            _requestEnd(EndReason.AgentEndedCall);
        }

        _endCallRequested = false;
        if (!interrupted)
        {
            _idle.AgentFinished();
        }
    }

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

    void Parley.Tools.IToolEvents.OnEndCallRequested() => _endCallRequested = true;

    void Replies.IReplyObserver.OnReplyFailed(Exception exception)
    {
        LogReplyFailed(_logger, exception, _setup.MessageId);
        _requestEnd(EndReason.InternalError);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Listening failed in the session of message {MessageId}.")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A reply in the session of message {MessageId} failed.")]
    private static partial void LogReplyFailed(ILogger logger, Exception exception, string messageId);
}

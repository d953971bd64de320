using Microsoft.Extensions.Logging;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Sessions.Lifecycle;

namespace Parley.Sessions;

// What the listener and the replies report.
internal sealed partial class LiveSession
{
    void Listening.IListenerSink.OnSpeechStarted() => _current?.Interrupt();

    Task Listening.IListenerSink.OnUserSpokeAsync(string text, bool sessionEnding)
    {
        if (sessionEnding)
        {
            RecordLine(Roles.User, text, _sendUserTranscripts);
            return Task.CompletedTask;
        }

        return RespondAsync(text);
    }

    void Listening.IListenerSink.OnClientSilenceTimeout() => _requestEnd(EndReason.ClientSilence);

    void Replies.IReplyObserver.OnPieceSpoken(string text)
    {
        if (_sendAgentTranscripts)
        {
            _setup.Outbox.Post(new TranscriptMessage(new TranscriptPayload(Roles.Agent, text)));
        }
    }

    void Replies.IReplyObserver.OnReplyFinished(string heardText, bool interrupted)
    {
        if (heardText.Length > 0)
        {
            RecordLine(Roles.Agent, heardText, sendLive: false);
        }
    }

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

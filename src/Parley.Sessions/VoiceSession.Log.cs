using Microsoft.Extensions.Logging;

namespace Parley.Sessions;

public sealed partial class VoiceSession
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Voice session {SessionId} failed.")]
    private static partial void LogSessionFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An observer of voice session {SessionId} failed; the session went on.")]
    private static partial void LogObserverFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice session {SessionId} ending ({Reason}), close {CloseCode}.")]
    private static partial void LogEnding(ILogger logger, string sessionId, string reason, int closeCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice session {SessionId} started: conversation {ConversationId}, agent {AgentId}.")]
    private static partial void LogStarted(ILogger logger, string sessionId, string conversationId, string agentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice session {SessionId} could not let go of its conversation; the hold lapses with its lease.")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string sessionId);
}

namespace Parley.Protocol;

/// <summary>The <c>code</c> values of <c>error</c> frames (PROTOCOL.md section 5).</summary>
public static class ErrorCodes
{
    public const string Unauthorized = "unauthorized";
    public const string InvalidMessage = "invalid_message";
    public const string SessionNotStarted = "session_not_started";
    public const string AlreadyStarted = "already_started";
    public const string AgentNotFound = "agent_not_found";
    public const string ConversationNotFound = "conversation_not_found";
    public const string InvalidAudio = "invalid_audio";
    public const string AudioTooLarge = "audio_too_large";
    public const string RateLimited = "rate_limited";
    public const string TooManySessions = "too_many_sessions";

    /// <summary>Parley's own: the <c>start</c> names a conversation that another live session (on any node) holds.</summary>
    public const string ConversationBusy = "conversation_busy";
    public const string ClientSilenceTimeout = "client_silence_timeout";
    public const string SessionTimeout = "session_timeout";
    public const string InternalError = "internal_error";
}

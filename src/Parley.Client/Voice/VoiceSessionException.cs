using Parley.Protocol;

namespace Parley.Client.Voice;

/// <summary>A voice session refused or ended by the server (an <c>error</c> frame or a close), or lost for good.</summary>
public sealed class VoiceSessionException : Exception
{
    /// <summary>The code used when the connection closed without an error frame.</summary>
    public const string ConnectionClosed = "connection_closed";

    /// <summary>The code used when reconnection gave up.</summary>
    public const string ReconnectFailed = "reconnect_failed";

    public VoiceSessionException()
        : this(ConnectionClosed, "The voice session ended.")
    {
    }

    public VoiceSessionException(string message)
        : this(ConnectionClosed, message)
    {
    }

    public VoiceSessionException(string message, Exception? innerException)
        : this(ConnectionClosed, message, null, innerException)
    {
    }

    /// <summary>An error with its code (see <see cref="ErrorCodes"/>) and the close status, when the socket closed.</summary>
    public VoiceSessionException(string code, string message, int? closeStatus = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        CloseStatus = closeStatus;
    }

    /// <summary>One of <see cref="ErrorCodes"/>, <see cref="ConnectionClosed"/> or <see cref="ReconnectFailed"/>.</summary>
    public string Code { get; }

    /// <summary>The WebSocket close status (1008 for auth and policy, 1011 internal, 1012 restart), when the socket closed.</summary>
    public int? CloseStatus { get; }

    /// <summary>The token was missing, unknown, revoked, expired or already used.</summary>
    public bool IsUnauthorized => Code == ErrorCodes.Unauthorized;

    /// <summary>The agent or conversation named at start does not exist for this caller.</summary>
    public bool IsNotFound => Code is ErrorCodes.AgentNotFound or ErrorCodes.ConversationNotFound;
}

using Parley.Protocol;
using Parley.Sessions.Transport;

namespace Parley.Sessions.Lifecycle;

/// <summary>Why a session ends: the error to send first (if any) and the close code.</summary>
/// <remarks><see cref="Name"/> says why in one word, as the <c>voice.session.ended</c> event's <c>end_reason</c> tells it.</remarks>
internal sealed record EndReason(int CloseCode, string? ErrorCode = null, string? ErrorMessage = null, bool PeerGone = false, string? Cause = null)
{
    public static EndReason Stop { get; } = new(CloseCodes.Normal, Cause: "stop");

    public static EndReason ClientGone { get; } = new(CloseCodes.Normal, PeerGone: true, Cause: "client_disconnected");

    public static EndReason Draining { get; } = new(CloseCodes.ServiceRestart, Cause: "server_draining");

    public static EndReason AgentEndedCall { get; } = new(CloseCodes.Normal, Cause: "agent_ended_call");

    /// <summary>Why the session ended: <see cref="Cause"/>, else the error code sent, else <c>stop</c>.</summary>
    public string Name => Cause ?? ErrorCode ?? "stop";

    public static EndReason ClientSilence { get; } =
        new(CloseCodes.PolicyViolation, ErrorCodes.ClientSilenceTimeout, "No speech from the client for too long.");

    public static EndReason SessionTimeout { get; } =
        new(CloseCodes.PolicyViolation, ErrorCodes.SessionTimeout, "The session reached its maximum length.");

    public static EndReason RateLimited { get; } =
        new(CloseCodes.PolicyViolation, ErrorCodes.RateLimited, "Audio keeps arriving faster than real time.");

    /// <summary>The client stopped reading what the server sends; its connection was dropped, nothing more can reach it.</summary>
    public static EndReason SlowPeer { get; } = new(CloseCodes.PolicyViolation, ErrorMessage: "The client stopped reading.", PeerGone: true, Cause: "client_too_slow");

    /// <summary>No <c>start</c> came in time: the socket held a session slot for nothing.</summary>
    public static EndReason NoStart(TimeSpan timeout) =>
        new(CloseCodes.PolicyViolation, ErrorCodes.SessionNotStarted, $"No \"start\" within {timeout.TotalSeconds:F0} s of connecting.");

    /// <summary>The database stayed away longer than a session waits for it (or too much waited for it): talking on would keep nothing.</summary>
    public static EndReason StorageUnavailable { get; } =
        new(CloseCodes.InternalError, ErrorCodes.InternalError, "The server cannot store this conversation for now; \"ended\" holds what was said.");

    public static EndReason InternalError { get; } =
        new(CloseCodes.InternalError, ErrorCodes.InternalError, "The server failed to continue this session.");
}

using Parley.Protocol;
using Parley.Sessions.Transport;

namespace Parley.Sessions.Lifecycle;

/// <summary>Why a session ends: the error to send first (if any) and the close code.</summary>
internal sealed record EndReason(int CloseCode, string? ErrorCode = null, string? ErrorMessage = null, bool PeerGone = false)
{
    public static EndReason Stop { get; } = new(CloseCodes.Normal);

    public static EndReason ClientGone { get; } = new(CloseCodes.Normal, PeerGone: true);

    public static EndReason Draining { get; } = new(CloseCodes.ServiceRestart);

    public static EndReason AgentEndedCall { get; } = new(CloseCodes.Normal);

    public static EndReason ClientSilence { get; } =
        new(CloseCodes.PolicyViolation, ErrorCodes.ClientSilenceTimeout, "No speech from the client for too long.");

    public static EndReason SessionTimeout { get; } =
        new(CloseCodes.PolicyViolation, ErrorCodes.SessionTimeout, "The session reached its maximum length.");

    public static EndReason RateLimited { get; } =
        new(CloseCodes.PolicyViolation, ErrorCodes.RateLimited, "Audio keeps arriving faster than real time.");

    public static EndReason InternalError { get; } =
        new(CloseCodes.InternalError, ErrorCodes.InternalError, "The server failed to continue this session.");
}

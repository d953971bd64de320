namespace Parley.Sessions.Transport;

/// <summary>WebSocket close codes of PROTOCOL.md section 3.</summary>
public static class CloseCodes
{
    /// <summary>After <c>ended</c>.</summary>
    public const int Normal = 1000;

    /// <summary>Auth and policy: bad token, limits, timeouts.</summary>
    public const int PolicyViolation = 1008;

    /// <summary>An internal error.</summary>
    public const int InternalError = 1011;

    /// <summary>The server restarts or drains; clients reconnect (never 1001, which the iOS sample does not retry).</summary>
    public const int ServiceRestart = 1012;
}

using Parley.Protocol;
using Parley.Sessions.Lifecycle;
using Parley.Sessions.Transport;

namespace Parley.Sessions;

public sealed partial class VoiceSession
{
    /// <summary>Ends the session because the key it came with was revoked: <c>unauthorized</c>, then close 1008; the first reason given wins.</summary>
    public void Revoke()
        => RequestEnd(new EndReason(CloseCodes.PolicyViolation, ErrorCodes.Unauthorized, "The API key of this session was revoked."));
}

using Parley.Sessions;

namespace Parley.Server.Voice;

/// <summary>Who a voice socket belongs to, or why it is refused: no valid token, or too many failed ones from its address.</summary>
/// <param name="Caller">The caller; null when refused.</param>
/// <param name="RetryAfter">When refused because the address failed too often: how long until it may try again.</param>
internal sealed record SocketAuthentication(CallerIdentity? Caller, TimeSpan? RetryAfter = null);

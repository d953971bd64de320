using Parley.Protocol.Payloads;

namespace Parley.Sessions;

/// <summary>Who opened a session: the teamspace whose data it may touch, and the key it came with.</summary>
/// <param name="TeamspaceId">The teamspace whose data the session may touch.</param>
/// <param name="ApiKeyId">The key the session came with (directly or through a handoff token).</param>
/// <param name="BoundStart">With a handoff token from <c>POST /v1/voice</c>: the start parameters the token was issued for, which the session uses.</param>
public sealed record CallerIdentity(string TeamspaceId, string ApiKeyId, StartPayload? BoundStart = null);

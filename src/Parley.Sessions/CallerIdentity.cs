namespace Parley.Sessions;

/// <summary>Who opened a session: the teamspace whose data it may touch, and the key it came with.</summary>
public sealed record CallerIdentity(string TeamspaceId, string ApiKeyId);

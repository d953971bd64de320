using Parley.Sessions;

namespace Parley.Server.Api;

/// <summary>Who is calling the API: their teamspace, their key, and the key's role.</summary>
/// <param name="TeamspaceId">The teamspace whose data the caller sees.</param>
/// <param name="ApiKeyId">The key the caller came with.</param>
/// <param name="IsAdmin">Manages the keys of its own teamspace.</param>
/// <param name="IsOperator">The server-level role: manages keys of every teamspace and creates teamspaces.</param>
public sealed record ApiCaller(string TeamspaceId, string ApiKeyId, bool IsAdmin, bool IsOperator = false)
{
    /// <summary>The same caller as a voice session sees it.</summary>
    public CallerIdentity Identity => new(TeamspaceId, ApiKeyId);
}

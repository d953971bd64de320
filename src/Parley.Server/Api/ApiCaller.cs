using Parley.Sessions;

namespace Parley.Server.Api;

/// <summary>Who is calling the API: their teamspace, their key, and whether the key is an admin's.</summary>
public sealed record ApiCaller(string TeamspaceId, string ApiKeyId, bool IsAdmin)
{
    /// <summary>The same caller as a voice session sees it.</summary>
    public CallerIdentity Identity => new(TeamspaceId, ApiKeyId);
}

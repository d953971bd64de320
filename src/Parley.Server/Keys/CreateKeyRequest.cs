namespace Parley.Server.Keys;

/// <summary>The body of creating a key: a name, and optionally another teamspace (created if new) and admin rights.</summary>
internal sealed record CreateKeyRequest(string? Name, string? TeamspaceId, bool? IsAdmin);

namespace Parley.Client.Keys;

/// <summary>A key to create: a name, optionally in another teamspace (created if new) and with admin rights.</summary>
public sealed record ApiKeyRequest
{
    public string? Name { get; init; }
    public string? TeamspaceId { get; init; }
    public bool? IsAdmin { get; init; }
}

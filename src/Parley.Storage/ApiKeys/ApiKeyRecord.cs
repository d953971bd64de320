namespace Parley.Storage.ApiKeys;

/// <summary>A stored API key; the key itself is never stored, only its hash.</summary>
public sealed record ApiKeyRecord
{
    public required string Id { get; init; }
    public required string TeamspaceId { get; init; }
    public required string Name { get; init; }
    public required string Prefix { get; init; }
    public bool IsAdmin { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

namespace Parley.Client.Keys;

/// <summary>An API key as the admin API shows it: its prefix, and the key itself only in the answer that created it.</summary>
public sealed record ApiKey
{
    public required string Id { get; init; }
    public string Object { get; init; } = "api_key";
    public required string Name { get; init; }
    public required string Prefix { get; init; }
    public required string TeamspaceId { get; init; }
    public bool IsAdmin { get; init; }

    /// <summary>The server-level role (the bootstrap key): manages the keys of every teamspace.</summary>
    public bool IsOperator { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The key, shown once when created; null otherwise.</summary>
    public string? Key { get; init; }
}

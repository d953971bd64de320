namespace Parley.Storage.ApiKeys;

/// <summary>A stored API key; the key itself is never stored, only its hash.</summary>
public sealed record ApiKeyRecord
{
    public required string Id { get; init; }
    public required string TeamspaceId { get; init; }
    public required string Name { get; init; }
    public required string Prefix { get; init; }

    /// <summary>Manages the keys of its own teamspace.</summary>
    public bool IsAdmin { get; init; }

    /// <summary>The server-level role: manages keys of every teamspace and creates teamspaces (always an admin too).</summary>
    public bool IsOperator { get; init; }

    /// <summary>The key the server made on first start or took from <c>PARLEY_API_KEY</c>; replaced when that setting changes.</summary>
    public bool IsBootstrap { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

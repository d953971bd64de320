namespace Parley.Storage.Secrets;

/// <summary>A stored secret, without its value: the value is only ever read to be used, never to be shown.</summary>
public sealed record SecretRecord
{
    public required string Id { get; init; }
    public required string TeamspaceId { get; init; }
    public required string Name { get; init; }

    /// <summary>The hosts (<c>name</c> or <c>name:port</c>) the value may be sent to; null for an unbound secret, which may go anywhere.</summary>
    public IReadOnlyList<string>? AllowedHosts { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

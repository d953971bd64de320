namespace Parley.Storage.Webhooks;

/// <summary>A webhook subscription: where a teamspace's events of the kinds it names are sent, signed with its secret.</summary>
public sealed record WebhookRecord
{
    public required string Id { get; init; }
    public required string TeamspaceId { get; init; }
    public required string Url { get; init; }
    public required IReadOnlyList<string> Events { get; init; }
    public bool Enabled { get; init; }

    /// <summary>The signing secret as stored (ciphertext).</summary>
    public required string ProtectedSecret { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

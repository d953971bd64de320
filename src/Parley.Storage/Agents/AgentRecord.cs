namespace Parley.Storage.Agents;

/// <summary>A stored agent.</summary>
public sealed record AgentRecord
{
    public required string Id { get; init; }
    public required string TeamspaceId { get; init; }
    public required string Name { get; init; }
    public bool IsDefault { get; init; }
    public AgentSpec Spec { get; init; } = new();
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

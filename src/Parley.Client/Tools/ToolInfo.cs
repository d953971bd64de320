namespace Parley.Client.Tools;

/// <summary>A tool an agent can be given.</summary>
public sealed record ToolInfo
{
    public required string Name { get; init; }
    public string Object { get; init; } = "tool";
    public string? Label { get; init; }
    public string? Description { get; init; }
}

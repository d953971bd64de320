namespace Parley.Client.Agents;

/// <summary>A tool an agent may use, by name (see <c>GET /v1/tools</c>).</summary>
public sealed record AgentTool(string Name)
{
    /// <summary>The connection the tool acts through, where it needs one.</summary>
    public string? ConnectionId { get; init; }
}

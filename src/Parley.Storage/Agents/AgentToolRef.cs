namespace Parley.Storage.Agents;

/// <summary>A tool given to an agent: its name, and the connection it uses where the tool needs one.</summary>
public sealed record AgentToolRef(string Name, string? ConnectionId = null);

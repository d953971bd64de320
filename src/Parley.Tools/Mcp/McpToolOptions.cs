namespace Parley.Tools.Mcp;

/// <summary>How Parley reaches the MCP servers attached to agents; bound from <c>Parley:Tools:Mcp</c>.</summary>
public sealed record McpToolOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Parley:Tools:Mcp";

    /// <summary>How long one server may take to connect and list its tools before the session starts without them.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The only commands a stdio server may be started with, compared exactly with the entry's <c>command</c>.
    /// Empty (the default) refuses every stdio server: any agent's author could otherwise run programs on this host.
    /// </summary>
    public IReadOnlyList<string> AllowedCommands { get; init; } = [];

    /// <summary>
    /// Variables of Parley's own environment passed on to stdio servers, besides the few every program needs
    /// (PATH, HOME, ...); the rest, such as keys and connection strings, is never passed on.
    /// </summary>
    public IReadOnlyList<string> ForwardedEnvironment { get; init; } = [];

    /// <summary>Fails start-up on values that cannot work.</summary>
    public McpToolOptions Validate()
    {
        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}:ConnectTimeout must be positive, not {ConnectTimeout}.");
        }

        return this;
    }
}

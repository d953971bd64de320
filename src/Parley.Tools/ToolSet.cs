using Microsoft.Extensions.AI;

namespace Parley.Tools;

/// <summary>Tools for one session, and what they hold open until it ends.</summary>
public sealed record ToolSet(IReadOnlyList<AITool> Tools, IReadOnlyList<IAsyncDisposable> Resources)
{
    /// <summary>No tools.</summary>
    public static ToolSet Empty { get; } = new([], []);

    /// <summary>Tools that hold nothing open.</summary>
    public static ToolSet Of(params AITool[] tools) => new(tools, []);
}

using Microsoft.Extensions.AI;

namespace Parley.Agents.Tools;

/// <summary>Whether a tool acts on the world: only one known to be free of side effects may run for a reply not yet confirmed.</summary>
/// <remarks>
/// A speculative reply (started on the user's words as they pause) may be thrown away; a tool that only reads or computes
/// (the clock, the calculator) costs nothing to throw away with it, but one that books, sends or delegates does. The mark
/// is set by Parley's own code on the tools it builds, never taken from a remote description (an MCP server's hints).
/// </remarks>
public static class ToolEffects
{
    private const string Key = "parley.free_of_side_effects";

    /// <summary>Options that mark a tool built with them as free of side effects.</summary>
    public static AIFunctionFactoryOptions FreeOfSideEffects(AIFunctionFactoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var properties = options.AdditionalProperties is { } existing ? new Dictionary<string, object?>(existing) : [];
        properties[Key] = true;
        options.AdditionalProperties = properties;
        return options;
    }

    /// <summary>Whether <paramref name="tool"/> is marked free of side effects (unmarked tools are assumed to have some).</summary>
    public static bool IsFreeOfSideEffects(AITool tool)
        => tool is AIFunction function && function.AdditionalProperties.TryGetValue(Key, out var value) && value is true;
}

namespace Parley.Agents.Tools;

/// <summary>The tools Parley's agents can use, by name; an agent given no list gets <see cref="Defaults"/>.</summary>
public static class ToolCatalog
{
    /// <summary>Every tool, sorted by name.</summary>
    public static IReadOnlyList<ToolDescriptor> All { get; } =
    [
        new(ToolNames.Calculator, "Calculator", "Adds, subtracts, multiplies and divides two numbers."),
        new(ToolNames.EndCall, "End call", "Ends the call politely once the agent's goodbye has been spoken."),
        new(ToolNames.GetCurrentTime, "Current time", "Tells the current time and date, in the caller's time zone or a named one."),
        new(ToolNames.KnowledgeSearch, "Knowledge search", "Searches the agent's knowledge and the session's documents, and cites the passages it answers from."),
    ];

    /// <summary>The tools an agent has when it names none.</summary>
    public static IReadOnlyList<string> Defaults { get; } = [.. All.Select(t => t.Name)];

    /// <summary>The tool with this name, or null.</summary>
    public static ToolDescriptor? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}

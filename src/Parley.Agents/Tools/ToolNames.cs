namespace Parley.Agents.Tools;

/// <summary>The names of the catalog's tools, as agents enable them and models call them.</summary>
/// <remarks>
/// The knowledge and call tools are built elsewhere (they need storage and the session), but their names live here
/// because the embedded agent decides to call them and reads their results.
/// </remarks>
public static class ToolNames
{
    /// <summary>Tells the time and date: <see cref="BuiltInTools.GetCurrentTimeName"/>.</summary>
    public const string GetCurrentTime = BuiltInTools.GetCurrentTimeName;

    /// <summary>Does one arithmetic operation: <see cref="BuiltInTools.CalculatorName"/>.</summary>
    public const string Calculator = BuiltInTools.CalculatorName;

    /// <summary>Searches the agent's knowledge; one argument, <c>query</c>; returns a <see cref="KnowledgeSearchResult"/>.</summary>
    public const string KnowledgeSearch = "knowledge_search";

    /// <summary>Ends the call once the current reply has been spoken; an optional argument, <c>reason</c>.</summary>
    public const string EndCall = "end_call";
}

namespace Parley.Agents.ToolCalls;

/// <summary>Where a tool call is in its life: the session reports these as <c>tool_call</c> statuses.</summary>
public enum ToolCallStatus
{
    /// <summary>The tool is about to run.</summary>
    Started,

    /// <summary>The tool returned a result.</summary>
    Completed,

    /// <summary>The tool threw or was cancelled; the model is told it failed.</summary>
    Failed,
}

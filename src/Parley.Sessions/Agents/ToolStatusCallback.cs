namespace Parley.Sessions.Agents;

/// <summary>Told when a tool call of the session's agent starts, completes or fails (statuses of <c>ToolCallStatuses</c>).</summary>
public delegate void ToolStatusCallback(string toolName, string status);

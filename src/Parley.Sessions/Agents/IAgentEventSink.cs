using Parley.Tools;

namespace Parley.Sessions.Agents;

/// <summary>Where a session's agent reports what it does, as it happens; the session turns it into wire events and timeline entries.</summary>
/// <remarks>Called from tool code on any thread; implementations must be quick and must not throw.</remarks>
public interface IAgentEventSink : IToolEvents
{
    /// <summary>A tool call started, completed or failed (statuses of <c>ToolCallStatuses</c>).</summary>
    void OnToolStatus(string toolName, string status);
}

using Parley.Protocol.Payloads;

namespace Parley.Sessions.Agents;

/// <summary>Where a session's agent reports what it does, as it happens; the session turns it into wire events and timeline entries.</summary>
/// <remarks>Called from tool code on any thread; implementations must be quick and must not throw.</remarks>
public interface IAgentEventSink
{
    /// <summary>A tool call started, completed or failed (statuses of <see cref="ToolCallStatuses"/>).</summary>
    void OnToolStatus(string toolName, string status);

    /// <summary>The agent is answering from these sources.</summary>
    void OnCitations(IReadOnlyList<Citation> citations);

    /// <summary>The agent decided to end the call: the session ends once the current reply has been spoken.</summary>
    void OnEndCallRequested();
}

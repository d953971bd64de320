using Parley.Protocol.Payloads;

namespace Parley.Sessions.Agents;

/// <summary>An event sink that drops everything: for running an agent outside a session (the start-up warm-up).</summary>
public sealed class SilentAgentEventSink : IAgentEventSink
{
    public static SilentAgentEventSink Instance { get; } = new();

    public void OnToolStatus(string toolName, string status)
    {
    }

    public void OnCitations(IReadOnlyList<Citation> citations)
    {
    }

    public void OnEndCallRequested()
    {
    }
}

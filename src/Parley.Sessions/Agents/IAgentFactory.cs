using Parley.Storage.Agents;

namespace Parley.Sessions.Agents;

/// <summary>Builds the agent a session talks to from the stored agent.</summary>
public interface IAgentFactory
{
    /// <summary>Creates the session's agent; <paramref name="onToolCall"/> hears every tool call as it happens.</summary>
    SessionAgent Create(AgentRecord agent, ToolStatusCallback onToolCall);
}

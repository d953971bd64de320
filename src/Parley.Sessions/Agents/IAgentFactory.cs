namespace Parley.Sessions.Agents;

/// <summary>Builds the agent a session talks to: its chat client pipeline and the tools it may call.</summary>
public interface IAgentFactory
{
    /// <summary>Creates the session's agent; may connect to tool servers, so it is asynchronous.</summary>
    ValueTask<SessionAgent> CreateAsync(AgentSessionContext context, CancellationToken cancellationToken = default);
}

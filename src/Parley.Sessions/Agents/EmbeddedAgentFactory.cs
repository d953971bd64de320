using Parley.Agents;
using Parley.Agents.ToolCalls;
using Parley.Protocol.Payloads;

namespace Parley.Sessions.Agents;

/// <summary>Gives every agent the embedded, offline brain with the built-in tools.</summary>
public sealed class EmbeddedAgentFactory(TimeProvider timeProvider) : IAgentFactory
{
    public ValueTask<SessionAgent> CreateAsync(AgentSessionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pipeline = AgentChatClientFactory.CreateEmbedded(timeProvider, (toolCall, _) =>
        {
            context.Events.OnToolStatus(toolCall.ToolName, Status(toolCall.Status));
            return ValueTask.CompletedTask;
        });
        return ValueTask.FromResult(new SessionAgent(pipeline.ChatClient, pipeline.CreateOptions()));
    }

    /// <summary>The wire status of a tool call step.</summary>
    public static string Status(ToolCallStatus status) => status switch
    {
        ToolCallStatus.Started => ToolCallStatuses.Started,
        ToolCallStatus.Completed => ToolCallStatuses.Completed,
        _ => ToolCallStatuses.Failed,
    };
}

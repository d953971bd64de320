using Parley.Agents;
using Parley.Agents.ToolCalls;
using Parley.Protocol.Payloads;
using Parley.Storage.Agents;

namespace Parley.Sessions.Agents;

/// <summary>Gives every agent the embedded, offline brain with the built-in tools.</summary>
public sealed class EmbeddedAgentFactory(TimeProvider timeProvider) : IAgentFactory
{
    public SessionAgent Create(AgentRecord agent, ToolStatusCallback onToolCall)
    {
        var pipeline = AgentChatClientFactory.CreateEmbedded(timeProvider, (toolCall, _) =>
        {
            onToolCall(toolCall.ToolName, Status(toolCall.Status));
            return ValueTask.CompletedTask;
        });
        return new SessionAgent(pipeline.ChatClient, pipeline.CreateOptions());
    }

    private static string Status(ToolCallStatus status) => status switch
    {
        ToolCallStatus.Started => ToolCallStatuses.Started,
        ToolCallStatus.Completed => ToolCallStatuses.Completed,
        _ => ToolCallStatuses.Failed,
    };
}

using Parley.Agents;
using Parley.Agents.ToolCalls;
using Parley.Protocol.Payloads;
using Parley.Agents.Providers;
using Parley.Tools;

namespace Parley.Sessions.Agents;

/// <summary>Builds each session's agent: the chat client its <c>llm_model</c> names, wrapped in function invocation, with the tools of its toolbox.</summary>
public sealed class AgentFactory(Toolbox toolbox, IAgentChatClients chatClients, TimeProvider timeProvider) : IAgentFactory
{
    public async ValueTask<SessionAgent> CreateAsync(AgentSessionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var toolContext = new ToolContext(context.TeamspaceId, context.Agent.Spec, context.KnowledgeIds, context.SecretIds, context.Events);
        var tools = await toolbox.BuildAsync(toolContext, cancellationToken).ConfigureAwait(false);
        var inner = chatClients.Create(context.Agent.Spec.LlmModel);
        var pipeline = AgentChatClientFactory.Create(inner, tools.Tools, timeProvider, (toolCall, _) =>
        {
            context.Events.OnToolStatus(toolCall.ToolName, Status(toolCall.Status));
            return ValueTask.CompletedTask;
        });
        var options = pipeline.CreateOptions();
        if (context.Agent.Spec.Temperature is { } temperature)
        {
            options.Temperature = (float)temperature;
        }

        return new SessionAgent(pipeline.ChatClient, options, new ToolSetResources(tools.Resources));
    }

    /// <summary>The wire status of a tool call step.</summary>
    public static string Status(ToolCallStatus status) => status switch
    {
        ToolCallStatus.Started => ToolCallStatuses.Started,
        ToolCallStatus.Completed => ToolCallStatuses.Completed,
        _ => ToolCallStatuses.Failed,
    };
}

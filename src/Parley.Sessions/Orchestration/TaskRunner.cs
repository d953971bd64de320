using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Parley.Agents.Providers;
using Parley.Sessions.Agents;
using Parley.Storage.Agents;
using Parley.Storage.Orchestration;

namespace Parley.Sessions.Orchestration;

/// <summary>Runs one delegated task through the agent runtime: the named agent's model, tools and knowledge answer the task.</summary>
/// <remarks>
/// The agent is built as for a voice session of its own (<see cref="IAgentFactory"/>), with no caller on the line: its
/// tool calls and citations are not sent anywhere, and <c>end_call</c> ends nothing. Failures of the agent become the
/// task's <c>error_message</c>, in words fit for the inbox; the exception itself goes to the log.
/// </remarks>
public sealed partial class TaskRunner(IAgentFactory agents, AgentStore agentStore, ILogger<TaskRunner> logger)
{
    /// <summary>What the agent is told, after its own prompts: where the task comes from and how its answer is used.</summary>
    public const string TaskInstruction =
        "A voice assistant has handed you this task on behalf of the person it is talking with. Do it with the tools you have, " +
        "then answer with the result in a few short sentences that can be read aloud to them.";

    /// <summary>Runs the task; cancellation (by the user, the time limit or the server stopping) is thrown, everything else is an outcome.</summary>
    public async Task<TaskOutcome> RunAsync(OrchestratorTaskRecord task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var agent = await agentStore.FindAsync(task.TeamspaceId, task.AgentId, cancellationToken).ConfigureAwait(false);
        if (agent is null)
        {
            return TaskOutcome.Failed($"The agent '{task.AgentName}' no longer exists.");
        }

        try
        {
            var context = new AgentSessionContext(agent, task.TeamspaceId, agent.Spec.KnowledgeIds ?? [], [], null, SilentAgentEventSink.Instance);
            await using var session = await agents.CreateAsync(context, cancellationToken).ConfigureAwait(false);
            var response = await session.Client.GetResponseAsync(Messages(agent, task), session.Options, cancellationToken).ConfigureAwait(false);
            var answer = response.Text.Trim();
            return answer.Length > 0 ? TaskOutcome.Answered(answer) : TaskOutcome.Failed($"{agent.Name} gave no answer.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ChatProviderException ex)
        {
            LogAgentFailed(logger, ex, task.Id, agent.Id);
            return TaskOutcome.Failed($"{agent.Name}'s language model failed: {ex.Message}");
        }
        catch (Exception ex)
        {
            LogAgentFailed(logger, ex, task.Id, agent.Id);
            return TaskOutcome.Failed($"{agent.Name} failed while working on the task.");
        }
    }

    private static List<ChatMessage> Messages(AgentRecord agent, OrchestratorTaskRecord task)
    {
        var messages = new List<ChatMessage>();
        foreach (var prompt in new[] { agent.Spec.SystemPrompt, agent.Spec.CustomPrompt, TaskInstruction })
        {
            if (!string.IsNullOrWhiteSpace(prompt))
            {
                messages.Add(new ChatMessage(ChatRole.System, prompt));
            }
        }

        messages.Add(new ChatMessage(ChatRole.User, task.Task));
        return messages;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: agent {AgentId} failed.")]
    private static partial void LogAgentFailed(ILogger logger, Exception exception, string taskId, string agentId);
}

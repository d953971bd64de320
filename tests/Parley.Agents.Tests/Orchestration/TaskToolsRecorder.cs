using System.ComponentModel;
using Microsoft.Extensions.AI;
using Parley.Agents.Orchestration;

namespace Parley.Agents.Tests.Orchestration;

/// <summary>
/// Task tools as an orchestrator session offers them (the real ones need a session and storage): real
/// <see cref="AIFunction"/>s that record their calls and answer as the session's do, <c>delegate_task</c> carrying its
/// directory of agents.
/// </summary>
internal sealed class TaskToolsRecorder
{
    public TaskToolsRecorder(params DelegateCandidate[] candidates)
    {
        var delegateTask = AIFunctionFactory.Create(Delegate, new AIFunctionFactoryOptions { Name = TaskToolNames.DelegateTask });
        Delegate_ = new Directory(delegateTask, candidates);
        Check = AIFunctionFactory.Create(
            (string? taskId = null) => Record(TaskToolNames.CheckTask, new TaskToolResult("t1", "Maths", "running", "Maths is still working on it.")),
            new AIFunctionFactoryOptions { Name = TaskToolNames.CheckTask });
        Cancel = AIFunctionFactory.Create(
            (string? taskId = null) => Record(TaskToolNames.CancelTask, new TaskToolResult("t1", "Maths", "cancelled", "Okay, I've cancelled the task I gave Maths.")),
            new AIFunctionFactoryOptions { Name = TaskToolNames.CancelTask });
    }

    /// <summary>Each call: the tool and, for a delegation, the agent and the task.</summary>
    public List<(string Tool, string? Agent, string? Task)> Calls { get; } = [];

    public AIFunction Delegate_ { get; }

    public AIFunction Check { get; }

    public AIFunction Cancel { get; }

    public AITool[] All => [Delegate_, Check, Cancel];

    private TaskToolResult Delegate([Description("The agent.")] string agent, [Description("The task.")] string task)
    {
        Calls.Add((TaskToolNames.DelegateTask, agent, task));
        return new TaskToolResult("t1", agent, "queued", $"I've asked {agent} to do that. I'll tell you when it's done.");
    }

    private TaskToolResult Record(string tool, TaskToolResult result)
    {
        Calls.Add((tool, null, null));
        return result;
    }

    private sealed class Directory(AIFunction inner, IReadOnlyList<DelegateCandidate> candidates) : DelegatingAIFunction(inner), IDelegateDirectory
    {
        public IReadOnlyList<DelegateCandidate> Candidates { get; } = candidates;
    }
}

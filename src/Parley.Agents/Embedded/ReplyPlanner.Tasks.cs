using Microsoft.Extensions.AI;
using Parley.Agents.Orchestration;
using Parley.Agents.Tools;

namespace Parley.Agents.Embedded;

// Background tasks, when the session offers the task tools (orchestrator mode): the embedded agent hands work to the
// agent named in the request, or to one that has a tool the request needs and it lacks itself; it cancels and checks
// on tasks when asked.
internal sealed partial class ReplyPlanner
{
    private static PlannedReply? PlanTaskRequest(string text, Intent intent, ChatOptions? options)
    {
        var tokens = TextNormalizer.Tokenize(text);
        var directory = HasTool(options, TaskToolNames.DelegateTask) ? options!.Tools!.OfType<IDelegateDirectory>().FirstOrDefault() : null;

        // A hand-off names its agent first, since "ask the clerk to cancel my order" is no cancellation of a task.
        if (directory is not null && TaskRequests.TryReadHandOff(tokens, directory.Candidates, out var named, out var work))
        {
            return work.Length > 0 ? Delegate(named!, work) : PlannedReply.Say(SpokenReplies.WhatShouldAgentDo(named!.Name));
        }

        if (HasTool(options, TaskToolNames.CancelTask) && TaskRequests.IsCancel(tokens))
        {
            return PlannedReply.Call(TaskToolNames.CancelTask, []);
        }

        if (HasTool(options, TaskToolNames.CheckTask) && TaskRequests.IsCheck(tokens))
        {
            return PlannedReply.Call(TaskToolNames.CheckTask, []);
        }

        if (directory is not null && NeededTool(intent, text) is { } tool && !HasTool(options, tool)
            && TaskRequests.WithTool(directory.Candidates, tool, tokens) is { } able)
        {
            return Delegate(able, text.Trim());
        }

        return null;
    }

    // The tool a request needs to be answered well: the clock, the calculator, or documents.
    private static string? NeededTool(Intent intent, string text) => intent.Kind switch
    {
        IntentKind.Time or IntentKind.Date or IntentKind.TimeAndDate => ToolNames.GetCurrentTime,
        IntentKind.Arithmetic => ToolNames.Calculator,
        _ => KnowledgeQuestion.TryRead(intent, text, out _) ? ToolNames.KnowledgeSearch : null,
    };

    private static PlannedReply Delegate(DelegateCandidate agent, string task) => PlannedReply.Call(
        TaskToolNames.DelegateTask,
        new Dictionary<string, object?> { [TaskToolNames.AgentArgument] = agent.Name, [TaskToolNames.TaskArgument] = task });
}

using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Parley.Agents.Orchestration;
using Parley.Agents.Tools;
using Parley.Storage.Agents;
using Parley.Storage.Orchestration;
using Parley.Storage.Paging;
using Parley.Tools;

namespace Parley.Sessions.Orchestration;

/// <summary>Background tasks as sessions and the API see them: queue one, cancel one, hear when one finishes.</summary>
/// <remarks>
/// The tasks are run by <see cref="OrchestratorTaskWorker"/>, which owns every run and awaits it when the server
/// stops. This class only writes rows and rings the worker; it starts no task of its own, except the writes of
/// <see cref="MarkHeard"/>, which the worker drains (<see cref="WriteHeardAsync"/>).
/// </remarks>
public sealed partial class TaskOrchestrator(
    OrchestratorTaskStore store,
    AgentStore agents,
    TaskWorkBoard board,
    TaskNotifications notifications,
    OrchestratorOptions options,
    ILogger<TaskOrchestrator> logger)
{
    // Ids whose outcome a session has said, waiting to be written; a full queue drops them (they are said again next time).
    private readonly Channel<IReadOnlyList<string>> _heard = Channel.CreateBounded<IReadOnlyList<string>>(
        new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The tasks' storage.</summary>
    public OrchestratorTaskStore Store => store;

    /// <summary>Where live sessions listen for their conversation's tasks.</summary>
    public TaskNotifications Notifications => notifications;

    /// <summary>The limits tasks run under.</summary>
    public OrchestratorOptions Options => options;

    /// <summary>The teamspace's agents a task may be handed to, newest first, each with what it can do.</summary>
    public async Task<IReadOnlyList<(AgentRecord Agent, DelegateCandidate Candidate)>> ListDelegatesAsync(string teamspaceId, CancellationToken cancellationToken = default)
    {
        var listed = await agents.ListAsync(teamspaceId, PageRequest.First(options.MaxAgentsListed), cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. listed.Select(agent => (agent, Describe(agent)))];
    }

    /// <summary>Queues a task for an agent and wakes a worker; the admission says which bound refused it, if one did.</summary>
    public async Task<(TaskAdmission Admission, OrchestratorTaskRecord? Task)> DelegateAsync(NewOrchestratorTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var created = await store.CreateAsync(task, options.TaskLifetime, options.MaxActiveTasksPerTeamspace, options.MaxQueuedTasks, cancellationToken)
            .ConfigureAwait(false);
        if (created.Task is { } queued)
        {
            LogQueued(logger, queued.Id, queued.AgentId, queued.ConversationId);
            board.Ring();
        }

        return created;
    }

    /// <summary>Cancels a queued or running task of the teamspace, stopping its run; null when there is none such (or it is over).</summary>
    public async Task<OrchestratorTaskRecord?> CancelAsync(string teamspaceId, string taskId, CancellationToken cancellationToken = default)
    {
        var cancelled = await store.CancelAsync(teamspaceId, taskId, cancellationToken).ConfigureAwait(false);
        if (cancelled is not null)
        {
            board.Cancel(taskId);
            LogCancelled(logger, taskId);
            notifications.Publish(cancelled);
        }

        return cancelled;
    }

    /// <summary>Notes that a session has said these tasks' outcomes; written in the background, never waited for.</summary>
    public void MarkHeard(IReadOnlyList<string> taskIds)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        if (taskIds.Count > 0 && !_heard.Writer.TryWrite(taskIds))
        {
            LogHeardDropped(logger, taskIds.Count);
        }
    }

    /// <summary>Writes what <see cref="MarkHeard"/> queued until <paramref name="stoppingToken"/>, then what is left; run by the worker.</summary>
    internal async Task WriteHeardAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _heard.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await WriteQueuedHeardAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await WriteQueuedHeardAsync().ConfigureAwait(false);
        }
    }

    private async Task WriteQueuedHeardAsync()
    {
        var ids = new List<string>();
        while (_heard.Reader.TryRead(out var batch))
        {
            ids.AddRange(batch);
        }

        try
        {
            await store.MarkAnnouncedAsync(ids).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The outcomes are said once more at the conversation's next session: a repetition, nothing lost.
            LogHeardFailed(logger, ex, ids.Count);
        }
    }

    private static DelegateCandidate Describe(AgentRecord agent)
    {
        var tools = EnabledTools.Names(agent.Spec).ToList();
        var searches = tools.Remove(ToolNames.KnowledgeSearch) && agent.Spec.KnowledgeIds is { Count: > 0 };
        if (searches)
        {
            tools.Add(ToolNames.KnowledgeSearch); // only with knowledge to search, as the tool source gives it
        }

        tools.AddRange((agent.Spec.Webhooks ?? []).Select(w => w.Name));
        return new DelegateCandidate(agent.Name, agent.Spec.Description, [.. tools.Order(StringComparer.Ordinal)], searches);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} queued for agent {AgentId} (conversation {ConversationId}).")]
    private static partial void LogQueued(ILogger logger, string taskId, string agentId, string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} cancelled.")]
    private static partial void LogCancelled(ILogger logger, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} task outcomes said in a session were not recorded as heard (too many at once); they will be said again.")]
    private static partial void LogHeardDropped(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record {Count} task outcomes as heard; they will be said again.")]
    private static partial void LogHeardFailed(ILogger logger, Exception exception, int count);
}

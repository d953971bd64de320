using Microsoft.Extensions.AI;
using Parley.Agents.ToolCalls;
using Parley.Sessions.Orchestration;
using Parley.Sessions.Turns;
using Parley.Storage.Orchestration;

namespace Parley.Sessions;

// Background tasks: in orchestrator mode the agent gets the task tools; in every mode the session hears when a task of
// its conversation finishes, and opens with the outcomes its conversation's earlier sessions did not hear.
internal sealed partial class LiveSession : ISessionTaskListener
{
    private IDisposable? _taskListening;
    private IReadOnlyList<OrchestratorTaskRecord> _heldOverTasks = [];

    /// <summary>Orchestrator mode: <c>voice_mode: "orchestrator"</c>, or neither a mode nor an agent named (the Datagrid default).</summary>
    private bool IsOrchestrator => _setup.Start.VoiceMode == "orchestrator" || (_setup.Start.VoiceMode is null && string.IsNullOrEmpty(_setup.Start.AgentId));

    void ISessionTaskListener.OnDelegated(string taskId) => _owner.TryPost(new TurnEvent.TaskDelegated(taskId));

    void ISessionTaskListener.OnSettled(string taskId) => _owner.TryPost(new TurnEvent.TaskSettled(taskId));

    /// <summary>Listens for the conversation's tasks, loads those still to be heard, and builds the task tools in orchestrator mode.</summary>
    private async Task<IReadOnlyList<AIFunction>> PrepareTasksAsync(CancellationToken cancellationToken)
    {
        if (_setup.Services.Orchestrator is not { } orchestrator || _setup.ConversationId.Length == 0)
        {
            return [];
        }

        // Listening first, then loading: a task finishing in between is heard twice, and the owner says it once.
        _taskListening = orchestrator.Notifications.Listen(_setup.ConversationId, task => _owner.TryPost(new TurnEvent.TaskFinished(task)));
        if (_setup.Store is not null)
        {
            var store = orchestrator.Store;
            var unheard = await store.ListUnannouncedAsync(_setup.TeamspaceId, _setup.ConversationId, cancellationToken).ConfigureAwait(false);
            var active = await store.ListActiveAsync(_setup.TeamspaceId, _setup.ConversationId, cancellationToken).ConfigureAwait(false);
            _heldOverTasks = [.. unheard, .. active];
        }

        if (!IsOrchestrator)
        {
            return [];
        }

        var delegates = await orchestrator.ListDelegatesAsync(_setup.TeamspaceId, cancellationToken).ConfigureAwait(false);
        var origin = new TaskOrigin(_setup.TeamspaceId, _setup.ConversationId, _setup.Store is null ? null : _setup.MessageId);
        return new SessionTaskTools(orchestrator, origin, delegates, this).Functions;
    }

    private IChatClient AcknowledgingSlowTools(IChatClient agent)
        => _options.ToolAcknowledgementAfter > TimeSpan.Zero
            ? new SlowToolAcknowledgingChatClient(agent, _options.ToolAcknowledgement, _options.ToolAcknowledgementAfter, _setup.Services.Time)
            : agent;

    private static ChatOptions? WithTools(ChatOptions? options, IReadOnlyList<AIFunction> tools)
    {
        if (tools.Count == 0)
        {
            return options;
        }

        var withTools = options?.Clone() ?? new ChatOptions();
        withTools.Tools = [.. withTools.Tools ?? [], .. tools];
        return withTools;
    }
}

using System.ComponentModel;
using System.Text;
using Microsoft.Extensions.AI;
using Parley.Agents.Orchestration;
using Parley.Storage.Agents;
using Parley.Storage.Orchestration;

namespace Parley.Sessions.Orchestration;

/// <summary>One orchestrator session's task tools: <c>delegate_task</c>, <c>check_task</c> and <c>cancel_task</c>.</summary>
/// <remarks>
/// Each returns a <see cref="TaskToolResult"/> whose <c>say</c> is a sentence for the user, so a language model and the
/// embedded agent alike can answer at once; a refusal (unknown agent, too many tasks) is a result too, not an error,
/// so the agent can tell the user what to do instead.
/// </remarks>
internal sealed class SessionTaskTools
{
    private readonly TaskOrchestrator _orchestrator;
    private readonly TaskOrigin _origin;
    private readonly IReadOnlyList<(AgentRecord Agent, DelegateCandidate Candidate)> _delegates;
    private readonly ISessionTaskListener _listener;

    public SessionTaskTools(
        TaskOrchestrator orchestrator, TaskOrigin origin, IReadOnlyList<(AgentRecord Agent, DelegateCandidate Candidate)> delegates, ISessionTaskListener listener)
    {
        _orchestrator = orchestrator;
        _origin = origin;
        _delegates = delegates;
        _listener = listener;
        var delegateTask = AIFunctionFactory.Create(DelegateAsync, new AIFunctionFactoryOptions
        {
            Name = TaskToolNames.DelegateTask,
            Description = DelegateDescription(delegates),
        });
        Functions =
        [
            new DirectoryFunction(delegateTask, [.. delegates.Select(d => d.Candidate)]),
            AIFunctionFactory.Create(CheckAsync, new AIFunctionFactoryOptions
            {
                Name = TaskToolNames.CheckTask,
                Description = "Tells how a task handed to an agent is going: the latest task of this conversation, unless taskId names another.",
            }),
            AIFunctionFactory.Create(CancelAsync, new AIFunctionFactoryOptions
            {
                Name = TaskToolNames.CancelTask,
                Description = "Cancels a task handed to an agent that has not finished: the latest of this conversation, unless taskId names another. "
                    + "Use it when the user says never mind or asks to cancel.",
            }),
        ];
    }

    /// <summary>The three tools, ready to be offered with the agent's own.</summary>
    public IReadOnlyList<AIFunction> Functions { get; }

    /// <summary>Queues <paramref name="task"/> for the agent called <paramref name="agent"/>.</summary>
    public async Task<TaskToolResult> DelegateAsync(
        [Description("The name of the agent to hand the task to, from the list in this tool's description.")] string agent,
        [Description("What the agent should do, in full: it does not hear this conversation.")] string task,
        CancellationToken cancellationToken = default)
    {
        task = (task ?? string.Empty).Trim();
        var maxChars = _orchestrator.Options.MaxTaskChars;
        if (task.Length == 0 || task.Length > maxChars)
        {
            return Refused(task.Length == 0 ? "What should I ask them to do?" : $"That task is too long to hand over; it may hold {maxChars} characters.");
        }

        if (Find(agent) is not { } chosen)
        {
            var names = string.Join(", ", _delegates.Take(5).Select(d => d.Agent.Name));
            return Refused(_delegates.Count == 0
                ? "There is no agent I can hand tasks to."
                : $"I don't know an agent called {agent}. I can ask {names}.");
        }

        var (admission, queued) = await _orchestrator.DelegateAsync(
            new NewOrchestratorTask(_origin.TeamspaceId, _origin.ConversationId, _origin.MessageId, chosen.Id, chosen.Name, task), cancellationToken)
            .ConfigureAwait(false);
        if (queued is null)
        {
            return Refused(admission == TaskAdmission.TeamspaceBusy
                ? "There are already too many tasks under way. Let's wait for some of them to finish."
                : "I can't hand anything over right now; the server is too busy.");
        }

        _listener.OnDelegated(queued.Id);
        return new TaskToolResult(queued.Id, chosen.Name, queued.Status, $"I've asked {chosen.Name} to do that. I'll tell you when it's done.");
    }

    /// <summary>How the task is going.</summary>
    public async Task<TaskToolResult> CheckAsync(
        [Description("The task's id; leave it out for the latest task of this conversation.")] string? taskId = null,
        CancellationToken cancellationToken = default)
    {
        var task = await FindTaskAsync(taskId, activeOnly: false, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return new TaskToolResult(null, null, "none", "There's no task under way.");
        }

        if (task.IsFinished)
        {
            // Told now, so it is not announced again.
            _listener.OnSettled(task.Id);
            _orchestrator.MarkHeard([task.Id]);
        }

        return new TaskToolResult(task.Id, task.AgentName, task.Status, TaskAnnouncements.Outcome(task));
    }

    /// <summary>Cancels the task.</summary>
    public async Task<TaskToolResult> CancelAsync(
        [Description("The task's id; leave it out for the latest unfinished task of this conversation.")] string? taskId = null,
        CancellationToken cancellationToken = default)
    {
        var task = await FindTaskAsync(taskId, activeOnly: true, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return new TaskToolResult(null, null, "none", "There's no task under way to cancel.");
        }

        var cancelled = await _orchestrator.CancelAsync(_origin.TeamspaceId, task.Id, cancellationToken).ConfigureAwait(false);
        _listener.OnSettled(task.Id);
        if (cancelled is null)
        {
            var now = await _orchestrator.Store.FindAsync(_origin.TeamspaceId, task.Id, cancellationToken).ConfigureAwait(false) ?? task;
            _orchestrator.MarkHeard([task.Id]);
            return new TaskToolResult(now.Id, now.AgentName, now.Status, "It had already finished. " + TaskAnnouncements.Outcome(now));
        }

        return new TaskToolResult(cancelled.Id, cancelled.AgentName, cancelled.Status, $"Okay, I've cancelled the task I gave {cancelled.AgentName}.");
    }

    private async Task<OrchestratorTaskRecord?> FindTaskAsync(string? taskId, bool activeOnly, CancellationToken cancellationToken)
    {
        var store = _orchestrator.Store;
        if (!string.IsNullOrWhiteSpace(taskId))
        {
            return await store.FindAsync(_origin.TeamspaceId, taskId.Trim(), cancellationToken).ConfigureAwait(false);
        }

        if (activeOnly)
        {
            var active = await store.ListActiveAsync(_origin.TeamspaceId, _origin.ConversationId, cancellationToken).ConfigureAwait(false);
            return active.Count > 0 ? active[^1] : null;
        }

        var latest = await store.ListAsync(_origin.TeamspaceId, new OrchestratorTaskFilter([], _origin.ConversationId, 1), cancellationToken).ConfigureAwait(false);
        return latest.Count > 0 ? latest[0] : null;
    }

    // By name first (as said, so case and punctuation do not matter), then the one agent whose name holds the words.
    private AgentRecord? Find(string? name)
    {
        var wanted = Words(name);
        if (wanted.Length == 0)
        {
            return null;
        }

        var exact = _delegates.FirstOrDefault(d => Words(d.Agent.Name) == wanted).Agent;
        if (exact is not null)
        {
            return exact;
        }

        var partial = _delegates.Where(d => $" {Words(d.Agent.Name)} ".Contains($" {wanted} ", StringComparison.Ordinal)).ToList();
        return partial.Count == 1 ? partial[0].Agent : null;
    }

    private static string Words(string? text)
    {
        var words = new StringBuilder();
        foreach (var c in text ?? string.Empty)
        {
            words.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return string.Join(' ', words.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static TaskToolResult Refused(string say) => new(null, null, "refused", say);

    private static string DelegateDescription(IReadOnlyList<(AgentRecord Agent, DelegateCandidate Candidate)> delegates)
    {
        var text = new StringBuilder(
            "Hands a task to one of the team's agents, to be done in the background while you go on talking with the user. "
            + "The user is told the result as soon as it is ready, so you need not wait or check. Use it for work another agent "
            + "is better suited to, or that takes a while. Agents:");
        foreach (var (_, candidate) in delegates)
        {
            text.Append("\n- ").Append(candidate.Name);
            if (!string.IsNullOrWhiteSpace(candidate.Description))
            {
                text.Append(": ").Append(candidate.Description.Trim());
            }

            if (candidate.Tools.Count > 0)
            {
                text.Append(" (tools: ").Append(string.Join(", ", candidate.Tools)).Append(')');
            }
        }

        return text.ToString();
    }

    /// <summary><c>delegate_task</c>, carrying its list of agents for an agent that reads tools rather than their descriptions.</summary>
    private sealed class DirectoryFunction(AIFunction inner, IReadOnlyList<DelegateCandidate> candidates) : DelegatingAIFunction(inner), IDelegateDirectory
    {
        public IReadOnlyList<DelegateCandidate> Candidates { get; } = candidates;
    }
}

using Dapper;
using Parley.Storage.Database;

namespace Parley.Storage.Orchestration;

/// <summary>Delegated tasks: queued by voice sessions, run by the background worker, read and settled through the API.</summary>
/// <remarks>
/// The teamspace-scoped methods here serve the API and the sessions; the worker's methods (by id, after a session or
/// the API has checked the teamspace) are in <c>OrchestratorTaskStore.Worker.cs</c>. Every change of status is one
/// conditional statement, so a task cancelled as it completes ends in exactly one of the two states.
/// </remarks>
public sealed partial class OrchestratorTaskStore(ParleyDatabase database, TimeProvider timeProvider)
{
    private const string Columns =
        "id, teamspace_id, conversation_id, message_id, agent_id, agent_name, task, status, result, error_message, attempts, " +
        "created_at, updated_at, completed_at, acknowledged_at, announced_at, expires_at";

    private const string Active = $"('{OrchestratorTaskStatuses.Queued}', '{OrchestratorTaskStatuses.Running}')";
    private const string Finished = $"('{OrchestratorTaskStatuses.Completed}', '{OrchestratorTaskStatuses.Failed}', '{OrchestratorTaskStatuses.Cancelled}')";

    /// <summary>Queues a task unless the teamspace or the server is at its bound; the record when queued.</summary>
    /// <param name="task">What to queue.</param>
    /// <param name="lifetime">How long the task is kept: past it, a task not yet run fails and a finished one is deleted.</param>
    /// <param name="maxActivePerTeamspace">Tasks a teamspace may have queued or running at once.</param>
    /// <param name="maxQueued">Tasks the server may hold queued at once.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<(TaskAdmission Admission, OrchestratorTaskRecord? Task)> CreateAsync(
        NewOrchestratorTask task, TimeSpan lifetime, int maxActivePerTeamspace, int maxQueued, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var now = timeProvider.StorageNow();
        var record = new OrchestratorTaskRecord
        {
            Id = Ids.New(),
            TeamspaceId = task.TeamspaceId,
            ConversationId = task.ConversationId,
            MessageId = task.MessageId,
            AgentId = task.AgentId,
            AgentName = task.AgentName,
            Task = task.Task,
            Status = OrchestratorTaskStatuses.Queued,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + lifetime,
        };

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The bounds are checked in the insert itself, so two sessions delegating at once cannot both pass a check made apart.
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO voice_orchestrator_tasks (id, teamspace_id, conversation_id, message_id, agent_id, agent_name, task, status, attempts, created_at, updated_at, expires_at)
            SELECT @Id, @TeamspaceId, @ConversationId, @MessageId, @AgentId, @AgentName, @Task, @Status, 0, @CreatedAt, @UpdatedAt, @ExpiresAt
            WHERE (SELECT COUNT(*) FROM voice_orchestrator_tasks WHERE teamspace_id = @TeamspaceId AND status IN {Active}) < @MaxActive
              AND (SELECT COUNT(*) FROM voice_orchestrator_tasks WHERE status = '{OrchestratorTaskStatuses.Queued}') < @MaxQueued;
            """,
            new
            {
                record.Id, record.TeamspaceId, record.ConversationId, record.MessageId, record.AgentId, record.AgentName, record.Task, record.Status,
                record.CreatedAt, record.UpdatedAt, record.ExpiresAt, MaxActive = maxActivePerTeamspace, MaxQueued = maxQueued,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (inserted == 1)
        {
            return (TaskAdmission.Queued, record);
        }

        var active = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM voice_orchestrator_tasks WHERE teamspace_id = @TeamspaceId AND status IN {Active};",
            new { task.TeamspaceId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (active >= maxActivePerTeamspace ? TaskAdmission.TeamspaceBusy : TaskAdmission.ServerBusy, null);
    }

    /// <summary>The task with this id in this teamspace, or null.</summary>
    public async Task<OrchestratorTaskRecord?> FindAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<OrchestratorTaskRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM voice_orchestrator_tasks WHERE id = @Id AND teamspace_id = @TeamspaceId;",
            new { Id = id, TeamspaceId = teamspaceId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The teamspace's tasks that <paramref name="filter"/> selects, newest first.</summary>
    public async Task<IReadOnlyList<OrchestratorTaskRecord>> ListAsync(string teamspaceId, OrchestratorTaskFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameters = new DynamicParameters(new { TeamspaceId = teamspaceId, filter.ConversationId, filter.Limit, Now = timeProvider.StorageNow() });
        string which;
        if (filter.Statuses.Count == 0)
        {
            which = $" AND ((status IN {Active} AND expires_at > @Now) OR (status IN {Finished} AND acknowledged_at IS NULL))";
        }
        else
        {
            // Spelled out one parameter each: Dapper expands `IN @List` for SQLite but not for Npgsql.
            var names = filter.Statuses.Distinct(StringComparer.Ordinal).Select((status, i) =>
            {
                parameters.Add($"Status{i}", status);
                return $"@Status{i}";
            });
            which = $" AND status IN ({string.Join(", ", names)})";
        }

        var conversation = filter.ConversationId is null ? string.Empty : " AND conversation_id = @ConversationId";
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<OrchestratorTaskRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM voice_orchestrator_tasks WHERE teamspace_id = @TeamspaceId{which}{conversation} ORDER BY id DESC LIMIT @Limit;",
            parameters, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    /// <summary>Cancels a task that is queued or running; null when the teamspace has no such task or it is already over.</summary>
    public async Task<OrchestratorTaskRecord?> CancelAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.StorageNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<OrchestratorTaskRecord>(new CommandDefinition(
            $"""
            UPDATE voice_orchestrator_tasks SET status = '{OrchestratorTaskStatuses.Cancelled}', completed_at = @Now, updated_at = @Now
            WHERE id = @Id AND teamspace_id = @TeamspaceId AND status IN {Active}
            RETURNING {Columns};
            """,
            new { Id = id, TeamspaceId = teamspaceId, Now = now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Marks a task acknowledged (the first acknowledgement's time stays); null when the teamspace has no such task.</summary>
    public async Task<OrchestratorTaskRecord?> AcknowledgeAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.StorageNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<OrchestratorTaskRecord>(new CommandDefinition(
            $"""
            UPDATE voice_orchestrator_tasks SET acknowledged_at = COALESCE(acknowledged_at, @Now), updated_at = @Now
            WHERE id = @Id AND teamspace_id = @TeamspaceId
            RETURNING {Columns};
            """,
            new { Id = id, TeamspaceId = teamspaceId, Now = now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The conversation's tasks still queued or running, oldest first.</summary>
    public async Task<IReadOnlyList<OrchestratorTaskRecord>> ListActiveAsync(string teamspaceId, string conversationId, CancellationToken cancellationToken = default)
        => await ListOfConversationAsync(teamspaceId, conversationId, $"status IN {Active}", limit: 100, cancellationToken).ConfigureAwait(false);

    /// <summary>The conversation's completed or failed tasks whose outcome the user has not heard yet, oldest first.</summary>
    public async Task<IReadOnlyList<OrchestratorTaskRecord>> ListUnannouncedAsync(string teamspaceId, string conversationId, CancellationToken cancellationToken = default)
        => await ListOfConversationAsync(
            teamspaceId,
            conversationId,
            $"status IN ('{OrchestratorTaskStatuses.Completed}', '{OrchestratorTaskStatuses.Failed}') AND announced_at IS NULL",
            limit: 10,
            cancellationToken).ConfigureAwait(false);

    /// <summary>Notes that the user has heard the outcome of these tasks (or no longer needs to: they cancelled it).</summary>
    public async Task MarkAnnouncedAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return;
        }

        var now = timeProvider.StorageNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE voice_orchestrator_tasks SET announced_at = @Now WHERE id = @Id AND announced_at IS NULL;",
            ids.Distinct(StringComparer.Ordinal).Select(id => new { Id = id, Now = now }),
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    // Bounded: active tasks are bounded per teamspace anyway, and ten outcomes are plenty for one hearing (the rest wait for the next).
    private async Task<IReadOnlyList<OrchestratorTaskRecord>> ListOfConversationAsync(
        string teamspaceId, string conversationId, string condition, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<OrchestratorTaskRecord>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM voice_orchestrator_tasks
            WHERE teamspace_id = @TeamspaceId AND conversation_id = @ConversationId AND {condition}
            ORDER BY id LIMIT @Limit;
            """,
            new { TeamspaceId = teamspaceId, ConversationId = conversationId, Limit = limit }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }
}

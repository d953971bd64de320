using Dapper;

namespace Parley.Storage.Orchestration;

// The worker's side: claiming queued tasks, recording outcomes, recovering after a restart, forgetting expired tasks.
// These work by id across teamspaces; whoever queued the task checked its teamspace.
public sealed partial class OrchestratorTaskStore
{
    private const int MaxTextChars = 16_000;

    /// <summary>Marks the oldest queued task running (one more attempt) and returns it; null when none waits.</summary>
    /// <remarks>Queued tasks past their expiry are failed first, never run.</remarks>
    public async Task<OrchestratorTaskRecord?> ClaimNextAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.StorageNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE voice_orchestrator_tasks
            SET status = '{OrchestratorTaskStatuses.Failed}', error_message = 'The task expired before it could run.', completed_at = @Now, updated_at = @Now
            WHERE status = '{OrchestratorTaskStatuses.Queued}' AND expires_at <= @Now;
            """,
            new { Now = now }, cancellationToken: cancellationToken)).ConfigureAwait(false);

        // The status test in the outer WHERE makes the claim safe against another node claiming the same row meanwhile.
        return await connection.QuerySingleOrDefaultAsync<OrchestratorTaskRecord>(new CommandDefinition(
            $"""
            UPDATE voice_orchestrator_tasks SET status = '{OrchestratorTaskStatuses.Running}', attempts = attempts + 1, updated_at = @Now
            WHERE id = (SELECT id FROM voice_orchestrator_tasks WHERE status = '{OrchestratorTaskStatuses.Queued}' ORDER BY id LIMIT 1)
              AND status = '{OrchestratorTaskStatuses.Queued}'
            RETURNING {Columns};
            """,
            new { Now = now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Records a running task's result; null when it is no longer running (cancelled meanwhile).</summary>
    public Task<OrchestratorTaskRecord?> CompleteAsync(string id, string result, CancellationToken cancellationToken = default)
        => FinishAsync(id, OrchestratorTaskStatuses.Completed, Clip(result), null, cancellationToken);

    /// <summary>Records why a running task failed; null when it is no longer running.</summary>
    public Task<OrchestratorTaskRecord?> FailAsync(string id, string errorMessage, CancellationToken cancellationToken = default)
        => FinishAsync(id, OrchestratorTaskStatuses.Failed, null, Clip(errorMessage), cancellationToken);

    /// <summary>Puts a running task back in the queue (the server is stopping: it runs again at the next start).</summary>
    public async Task RequeueAsync(string id, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.StorageNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE voice_orchestrator_tasks SET status = '{OrchestratorTaskStatuses.Queued}', updated_at = @Now WHERE id = @Id AND status = '{OrchestratorTaskStatuses.Running}';",
            new { Id = id, Now = now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// At start-up, for tasks a stopped or crashed server left <c>running</c>: each is queued again, unless it has been
    /// started <paramref name="maxAttempts"/> times already (then it failed, and may be what took the server down).
    /// </summary>
    /// <returns>How many were queued again and how many failed.</returns>
    public async Task<(int Requeued, int Failed)> RecoverAsync(int maxAttempts, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.StorageNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var failed = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE voice_orchestrator_tasks
            SET status = '{OrchestratorTaskStatuses.Failed}', error_message = 'The server stopped while the task ran, too many times to try again.',
                completed_at = @Now, updated_at = @Now
            WHERE status = '{OrchestratorTaskStatuses.Running}' AND attempts >= @MaxAttempts;
            """,
            new { Now = now, MaxAttempts = maxAttempts }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var requeued = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE voice_orchestrator_tasks SET status = '{OrchestratorTaskStatuses.Queued}', updated_at = @Now WHERE status = '{OrchestratorTaskStatuses.Running}';",
            new { Now = now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (requeued, failed);
    }

    /// <summary>Deletes finished tasks past their expiry; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM voice_orchestrator_tasks WHERE status IN {Finished} AND expires_at <= @Now;",
            new { Now = timeProvider.StorageNow() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private async Task<OrchestratorTaskRecord?> FinishAsync(string id, string status, string? result, string? error, CancellationToken cancellationToken)
    {
        var now = timeProvider.StorageNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<OrchestratorTaskRecord>(new CommandDefinition(
            $"""
            UPDATE voice_orchestrator_tasks SET status = @Status, result = @Result, error_message = @Error, completed_at = @Now, updated_at = @Now
            WHERE id = @Id AND status = '{OrchestratorTaskStatuses.Running}'
            RETURNING {Columns};
            """,
            new { Id = id, Status = status, Result = result, Error = error, Now = now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    // An agent's answer or an error is text of any length; the inbox keeps a bounded part of it.
    private static string Clip(string text) => text.Length <= MaxTextChars ? text : text[..MaxTextChars];
}

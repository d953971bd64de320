using Dapper;
using Parley.Storage.Database;
using Parley.Storage.Paging;

namespace Parley.Storage.Webhooks;

/// <summary>Deliveries: queued as events happen, attempted by whichever node claims them, each attempt recorded.</summary>
public sealed partial class WebhookStore
{
    private const string DeliveryColumns = "id, webhook_id, event_id, event_type, data_json, state, attempts, created_at, next_attempt_at, completed_at";
    private const int MaxErrorChars = 1000;

    /// <summary>Queues deliveries, due at once, in one transaction; returns them.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRecord>> EnqueueAsync(IReadOnlyList<NewDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        if (deliveries.Count == 0)
        {
            return [];
        }

        var now = timeProvider.StorageNow();
        var records = deliveries.Select(d => new WebhookDeliveryRecord
        {
            Id = Ids.New(), WebhookId = d.WebhookId, EventId = d.EventId, EventType = d.EventType, DataJson = d.DataJson,
            State = WebhookDeliveryStates.Pending, CreatedAt = now, NextAttemptAt = now,
        }).ToList();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO webhook_deliveries ({DeliveryColumns})
            VALUES (@Id, @WebhookId, @EventId, @EventType, @DataJson, @State, 0, @CreatedAt, @NextAttemptAt, NULL);
            """,
            records, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return records;
    }

    /// <summary>Pending deliveries due at <paramref name="now"/>, the most overdue first, with their webhook's current address.</summary>
    public async Task<IReadOnlyList<DueDelivery>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DueRow>(new CommandDefinition(
            """
            SELECT d.id, d.webhook_id, d.event_id, d.event_type, d.data_json, d.state, d.attempts, d.created_at, d.next_attempt_at, d.completed_at,
                   w.url AS webhook_url, w.protected_secret AS webhook_secret, w.enabled AS webhook_enabled
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.state = @Pending AND d.next_attempt_at <= @Now
            ORDER BY d.next_attempt_at, d.id
            LIMIT @Limit;
            """,
            new { WebhookDeliveryStates.Pending, Now = now, Limit = limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new DueDelivery(r.ToRecord(), r.WebhookUrl, r.WebhookSecret, r.WebhookEnabled))];
    }

    /// <summary>When the next pending delivery is due; null when none waits.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT next_attempt_at FROM webhook_deliveries WHERE state = @Pending ORDER BY next_attempt_at LIMIT 1;",
            new { WebhookDeliveryStates.Pending }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes a due delivery for one attempt: moves its due time to <paramref name="leaseUntil"/>, so no other node attempts
    /// it meanwhile (and a node that dies mid-attempt leaves it due again then). False when another node took it first.
    /// </summary>
    public async Task<bool> ClaimAsync(WebhookDeliveryRecord delivery, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET next_attempt_at = @LeaseUntil WHERE id = @Id AND state = @Pending AND next_attempt_at = @Due;",
            new { delivery.Id, LeaseUntil = leaseUntil, WebhookDeliveryStates.Pending, Due = delivery.NextAttemptAt }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>Gives a claimed delivery back, due at <paramref name="dueAt"/>: its attempt was stopped (the server is stopping) before it was made.</summary>
    public async Task ReleaseAsync(string deliveryId, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET next_attempt_at = @DueAt WHERE id = @Id AND state = @Pending;",
            new { Id = deliveryId, DueAt = dueAt, WebhookDeliveryStates.Pending }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Records an attempt and where the delivery stands after it (delivered, failed, or pending until <paramref name="nextAttemptAt"/>), in one transaction.</summary>
    public async Task RecordAttemptAsync(WebhookAttemptRecord attempt, string state, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var error = attempt.Error is { Length: > MaxErrorChars } text ? text[..MaxErrorChars] : attempt.Error;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, error, duration_ms) VALUES (@DeliveryId, @AttemptedAt, @StatusCode, @Error, @DurationMs);",
            attempt with { Error = error }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_deliveries SET attempts = attempts + 1, state = @State, next_attempt_at = @NextAttemptAt,
                completed_at = CASE WHEN @State = @Pending THEN NULL ELSE @Now END
            WHERE id = @Id;
            """,
            new { Id = attempt.DeliveryId, State = state, NextAttemptAt = nextAttemptAt, WebhookDeliveryStates.Pending, Now = timeProvider.StorageNow() },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A page of a webhook's deliveries (of this teamspace's webhook), newest first.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRecord>> ListDeliveriesAsync(string teamspaceId, string webhookId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var (where, orderBy, reverse) = Keyset.For(page, newestFirst: true, idColumn: "d.id");
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<WebhookDeliveryRecord>(new CommandDefinition(
            $"""
            SELECT d.id, d.webhook_id, d.event_id, d.event_type, d.data_json, d.state, d.attempts, d.created_at, d.next_attempt_at, d.completed_at
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.webhook_id = @WebhookId AND w.teamspace_id = @TeamspaceId{where}{orderBy};
            """,
            new { WebhookId = webhookId, TeamspaceId = teamspaceId, page.After, page.Before, page.Limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return Keyset.Arrange(rows, reverse);
    }

    /// <summary>The attempts at each of these deliveries, in order.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<WebhookAttemptRecord>>> ListAttemptsAsync(IReadOnlyList<string> deliveryIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        if (deliveryIds.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<WebhookAttemptRecord>>();
        }

        var parameters = new DynamicParameters();
        var list = IdList.Spell(parameters, deliveryIds);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<WebhookAttemptRecord>(new CommandDefinition(
            $"SELECT delivery_id, attempted_at, status_code, error, duration_ms FROM webhook_attempts WHERE delivery_id IN ({list}) ORDER BY id;",
            parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.GroupBy(a => a.DeliveryId).ToDictionary(g => g.Key, g => (IReadOnlyList<WebhookAttemptRecord>)g.ToList());
    }

    /// <summary>Deletes finished deliveries (delivered or given up) created before <paramref name="cutoff"/>, with their attempts; returns how many.</summary>
    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhook_deliveries WHERE state <> @Pending AND created_at < @Cutoff;",
            new { WebhookDeliveryStates.Pending, Cutoff = cutoff }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed record DueRow
    {
        public required string Id { get; init; }
        public required string WebhookId { get; init; }
        public required string EventId { get; init; }
        public required string EventType { get; init; }
        public required string DataJson { get; init; }
        public required string State { get; init; }
        public int Attempts { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? NextAttemptAt { get; init; }
        public DateTimeOffset? CompletedAt { get; init; }
        public required string WebhookUrl { get; init; }
        public required string WebhookSecret { get; init; }
        public bool WebhookEnabled { get; init; }

        public WebhookDeliveryRecord ToRecord() => new()
        {
            Id = Id, WebhookId = WebhookId, EventId = EventId, EventType = EventType, DataJson = DataJson, State = State, Attempts = Attempts,
            CreatedAt = CreatedAt, NextAttemptAt = NextAttemptAt, CompletedAt = CompletedAt,
        };
    }
}

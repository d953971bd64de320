using System.Text.Json;
using Dapper;
using Parley.Storage.Database;
using Parley.Storage.Paging;

namespace Parley.Storage.Webhooks;

/// <summary>Webhook subscriptions of each teamspace; their deliveries and attempts are in <c>WebhookStore.Deliveries.cs</c>.</summary>
public sealed partial class WebhookStore(ParleyDatabase database, TimeProvider timeProvider)
{
    private const string Columns = "id, teamspace_id, url, events_json, enabled, protected_secret, created_at, updated_at";

    /// <summary>Records a new, enabled webhook.</summary>
    public async Task<WebhookRecord> CreateAsync(string teamspaceId, string url, IReadOnlyList<string> events, string protectedSecret, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.StorageNow();
        var webhook = new WebhookRecord
        {
            Id = Ids.New(), TeamspaceId = teamspaceId, Url = url, Events = events, Enabled = true, ProtectedSecret = protectedSecret, CreatedAt = now, UpdatedAt = now,
        };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO webhooks ({Columns}) VALUES (@Id, @TeamspaceId, @Url, @EventsJson, @Enabled, @ProtectedSecret, @CreatedAt, @UpdatedAt);",
            Row.From(webhook), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return webhook;
    }

    /// <summary>How many webhooks the teamspace has.</summary>
    public async Task<int> CountAsync(string teamspaceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM webhooks WHERE teamspace_id = @TeamspaceId;", new { TeamspaceId = teamspaceId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The webhook with this id in this teamspace, or null.</summary>
    public async Task<WebhookRecord?> FindAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM webhooks WHERE id = @Id AND teamspace_id = @TeamspaceId;",
            new { Id = id, TeamspaceId = teamspaceId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRecord();
    }

    /// <summary>A page of the teamspace's webhooks, newest first.</summary>
    public async Task<IReadOnlyList<WebhookRecord>> ListAsync(string teamspaceId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var (where, orderBy, reverse) = Keyset.For(page, newestFirst: true);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM webhooks WHERE teamspace_id = @TeamspaceId{where}{orderBy};",
            new { TeamspaceId = teamspaceId, page.After, page.Before, page.Limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return Keyset.Arrange(rows.Select(r => r.ToRecord()), reverse);
    }

    /// <summary>The teamspace's enabled webhooks subscribed to <paramref name="eventType"/>, oldest first.</summary>
    public async Task<IReadOnlyList<WebhookRecord>> ListActiveForEventAsync(string teamspaceId, string eventType, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM webhooks WHERE teamspace_id = @TeamspaceId AND enabled = TRUE ORDER BY id;",
            new { TeamspaceId = teamspaceId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRecord()).Where(w => w.Events.Contains(eventType, StringComparer.Ordinal))];
    }

    /// <summary>Changes the fields given (null leaves one as it is), atomically; null when there is no such webhook in the teamspace.</summary>
    public Task<WebhookRecord?> UpdateAsync(
        string teamspaceId, string id, string? url, IReadOnlyList<string>? events, bool? enabled, CancellationToken cancellationToken = default)
        => database.WriteAsync<WebhookRecord?>(async (connection, transaction) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                $"SELECT {Columns} FROM webhooks WHERE id = @Id AND teamspace_id = @TeamspaceId{database.ForUpdate};",
                new { Id = id, TeamspaceId = teamspaceId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            var current = row.ToRecord();
            var updated = current with
            {
                Url = url ?? current.Url,
                Events = events ?? current.Events,
                Enabled = enabled ?? current.Enabled,
                UpdatedAt = timeProvider.StorageNow(),
            };
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE webhooks SET url = @Url, events_json = @EventsJson, enabled = @Enabled, updated_at = @UpdatedAt WHERE id = @Id;",
                Row.From(updated), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return updated;
        }, cancellationToken);

    /// <summary>Deletes a webhook with its deliveries; false when there is no such webhook in the teamspace.</summary>
    public async Task<bool> DeleteAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhooks WHERE id = @Id AND teamspace_id = @TeamspaceId;",
            new { Id = id, TeamspaceId = teamspaceId }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    private sealed record Row
    {
        public required string Id { get; init; }
        public required string TeamspaceId { get; init; }
        public required string Url { get; init; }
        public required string EventsJson { get; init; }
        public bool Enabled { get; init; }
        public required string ProtectedSecret { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public static Row From(WebhookRecord w) => new()
        {
            Id = w.Id, TeamspaceId = w.TeamspaceId, Url = w.Url, EventsJson = JsonSerializer.Serialize(w.Events.ToList(), StorageJsonContext.Default.ListString),
            Enabled = w.Enabled, ProtectedSecret = w.ProtectedSecret, CreatedAt = w.CreatedAt, UpdatedAt = w.UpdatedAt,
        };

        public WebhookRecord ToRecord() => new()
        {
            Id = Id, TeamspaceId = TeamspaceId, Url = Url, Events = JsonSerializer.Deserialize(EventsJson, StorageJsonContext.Default.ListString) ?? [],
            Enabled = Enabled, ProtectedSecret = ProtectedSecret, CreatedAt = CreatedAt, UpdatedAt = UpdatedAt,
        };
    }
}

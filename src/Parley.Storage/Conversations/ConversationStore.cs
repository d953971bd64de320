using System.Text.Json;
using Dapper;
using Parley.Storage.Database;
using Parley.Storage.Paging;

namespace Parley.Storage.Conversations;

/// <summary>Conversations of each teamspace. Nothing here crosses teamspaces.</summary>
public sealed class ConversationStore(ParleyDatabase database, TimeProvider timeProvider)
{
    private const string Columns = "id, teamspace_id, name, agent_ids_json, created_at, updated_at";

    /// <summary>The conversation with this id in this teamspace, or null.</summary>
    public async Task<ConversationRecord?> FindAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ConversationRow>(
            $"SELECT {Columns} FROM conversations WHERE id = @Id AND teamspace_id = @TeamspaceId;",
            new { Id = id, TeamspaceId = teamspaceId }).ConfigureAwait(false);
        return row?.ToRecord();
    }

    /// <summary>Creates a conversation.</summary>
    public async Task<ConversationRecord> CreateAsync(string teamspaceId, string? name, IReadOnlyList<string> agentIds, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.StorageNow();
        var conversation = new ConversationRecord { Id = Ids.New(), TeamspaceId = teamspaceId, Name = name, AgentIds = agentIds, CreatedAt = now, UpdatedAt = now };
        await database.ExecuteWriteAsync(
            $"INSERT INTO conversations ({Columns}) VALUES (@Id, @TeamspaceId, @Name, @AgentIdsJson, @CreatedAt, @UpdatedAt);",
            ConversationRow.From(conversation),
            cancellationToken).ConfigureAwait(false);
        return conversation;
    }

    /// <summary>Changes a conversation's name and agents; null when there is no such conversation in the teamspace.</summary>
    public Task<ConversationRecord?> UpdateAsync(string teamspaceId, string id, string? name, IReadOnlyList<string> agentIds, CancellationToken cancellationToken = default)
        => UpdateAsync(teamspaceId, id, c => c with { Name = name, AgentIds = agentIds }, cancellationToken);

    /// <summary>
    /// Changes a conversation's name and agents atomically: <paramref name="change"/> gets the conversation as stored now,
    /// with no other write to it in between. Null when there is no such conversation in the teamspace.
    /// </summary>
    public Task<ConversationRecord?> UpdateAsync(
        string teamspaceId, string id, Func<ConversationRecord, ConversationRecord> change, CancellationToken cancellationToken = default)
        => ChangeAsync(" AND teamspace_id = @TeamspaceId", new { Id = id, TeamspaceId = teamspaceId }, change, cancellationToken);

    /// <summary>Adds an agent to the conversation's agents, if it is not there yet, and marks it updated.</summary>
    public async Task TouchAsync(string id, string? agentId, CancellationToken cancellationToken = default)
        => await ChangeAsync(string.Empty, new { Id = id }, c => agentId is null || c.AgentIds.Contains(agentId) ? c : c with { AgentIds = [.. c.AgentIds, agentId] }, cancellationToken)
            .ConfigureAwait(false);

    /// <summary>Deletes a conversation with its messages; false when there is no such conversation in the teamspace.</summary>
    public async Task<bool> DeleteAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(
            "DELETE FROM conversations WHERE id = @Id AND teamspace_id = @TeamspaceId;", new { Id = id, TeamspaceId = teamspaceId }).ConfigureAwait(false) == 1;
    }

    /// <summary>A page of the teamspace's conversations.</summary>
    /// <remarks>By creation the cursor is the id alone; by last update it is (updated_at, id) of the cursor's conversation.</remarks>
    public async Task<IReadOnlyList<ConversationRecord>> ListAsync(string teamspaceId, PageRequest page, ConversationSort sort, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sort);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new { TeamspaceId = teamspaceId, page.After, page.Before, page.Limit };
        if (!sort.ByUpdatedAt)
        {
            var (where, orderBy, reverse) = Keyset.For(page, newestFirst: !sort.Ascending);
            var rows = await connection.QueryAsync<ConversationRow>(
                $"SELECT {Columns} FROM conversations WHERE teamspace_id = @TeamspaceId{where}{orderBy};", parameters).ConfigureAwait(false);
            return Keyset.Arrange(rows.Select(r => r.ToRecord()), reverse);
        }

        var forward = page.Before is null;
        var descending = !sort.Ascending == forward;
        var cursor = page.After ?? page.Before;
        var comparison = (page.After is not null) == !sort.Ascending ? "<" : ">";
        var keyset = cursor is null
            ? string.Empty
            : $" AND (updated_at, id) {comparison} (SELECT updated_at, id FROM conversations WHERE id = @Cursor AND teamspace_id = @TeamspaceId)";
        var direction = descending ? "DESC" : "ASC";
        var list = (await connection.QueryAsync<ConversationRow>(
            $"SELECT {Columns} FROM conversations WHERE teamspace_id = @TeamspaceId{keyset} ORDER BY updated_at {direction}, id {direction} LIMIT @Limit;",
            new { TeamspaceId = teamspaceId, Cursor = cursor, page.Limit }).ConfigureAwait(false)).Select(r => r.ToRecord());
        return Keyset.Arrange(list, !forward);
    }

    private async Task<ConversationRecord?> ChangeAsync(string scope, object key, Func<ConversationRecord, ConversationRecord> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<ConversationRow>(
                $"SELECT {Columns} FROM conversations WHERE id = @Id{scope}{database.ForUpdate};", key, transaction).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            var current = row.ToRecord();
            var updated = change(current) with { Id = current.Id, TeamspaceId = current.TeamspaceId, CreatedAt = current.CreatedAt, UpdatedAt = timeProvider.StorageNow() };
            await connection.ExecuteAsync(
                "UPDATE conversations SET name = @Name, agent_ids_json = @AgentIdsJson, updated_at = @UpdatedAt WHERE id = @Id;",
                ConversationRow.From(updated),
                transaction).ConfigureAwait(false);
            return updated;
        }, cancellationToken).ConfigureAwait(false);
    }

    private sealed record ConversationRow
    {
        public required string Id { get; init; }
        public required string TeamspaceId { get; init; }
        public string? Name { get; init; }
        public required string AgentIdsJson { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public static ConversationRow From(ConversationRecord c) => new()
        {
            Id = c.Id, TeamspaceId = c.TeamspaceId, Name = c.Name, AgentIdsJson = Serialize(c.AgentIds), CreatedAt = c.CreatedAt, UpdatedAt = c.UpdatedAt,
        };

        public static string Serialize(IReadOnlyList<string> ids) => JsonSerializer.Serialize(ids.ToList(), StorageJsonContext.Default.ListString);

        public ConversationRecord ToRecord() => new()
        {
            Id = Id,
            TeamspaceId = TeamspaceId,
            Name = Name,
            AgentIds = JsonSerializer.Deserialize(AgentIdsJson, StorageJsonContext.Default.ListString) ?? [],
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
        };
    }
}

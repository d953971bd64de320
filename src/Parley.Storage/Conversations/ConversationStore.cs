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
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            $"INSERT INTO conversations ({Columns}) VALUES (@Id, @TeamspaceId, @Name, @AgentIdsJson, @CreatedAt, @UpdatedAt);",
            ConversationRow.From(conversation)).ConfigureAwait(false);
        return conversation;
    }

    /// <summary>Changes a conversation's name and agents; null when there is no such conversation in the teamspace.</summary>
    public async Task<ConversationRecord?> UpdateAsync(string teamspaceId, string id, string? name, IReadOnlyList<string> agentIds, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(
            "UPDATE conversations SET name = @Name, agent_ids_json = @AgentIdsJson, updated_at = @Now WHERE id = @Id AND teamspace_id = @TeamspaceId;",
            new { Id = id, TeamspaceId = teamspaceId, Name = name, AgentIdsJson = ConversationRow.Serialize(agentIds), Now = timeProvider.StorageNow() })
            .ConfigureAwait(false);
        return changed == 0 ? null : await FindAsync(teamspaceId, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds an agent to the conversation's agents, if it is not there yet, and marks it updated.</summary>
    public async Task TouchAsync(string id, string? agentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var json = await connection.QuerySingleOrDefaultAsync<string>("SELECT agent_ids_json FROM conversations WHERE id = @Id;", new { Id = id }).ConfigureAwait(false);
        if (json is null)
        {
            return;
        }

        var agents = JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListString) ?? [];
        if (agentId is not null && !agents.Contains(agentId))
        {
            agents.Add(agentId);
        }

        await connection.ExecuteAsync(
            "UPDATE conversations SET agent_ids_json = @Json, updated_at = @Now WHERE id = @Id;",
            new { Id = id, Json = ConversationRow.Serialize(agents), Now = timeProvider.StorageNow() }).ConfigureAwait(false);
    }

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

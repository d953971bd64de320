using System.Text.Json;
using Dapper;
using Parley.Storage.Database;
using Parley.Storage.Paging;

namespace Parley.Storage.Agents;

/// <summary>Agents of each teamspace; every teamspace has a default one. Nothing here crosses teamspaces.</summary>
public sealed class AgentStore(ParleyDatabase database, TimeProvider timeProvider)
{
    private const string Columns = "id, teamspace_id, name, is_default, spec_json, created_at, updated_at";

    /// <summary>The agent with this id in this teamspace, or null.</summary>
    public async Task<AgentRecord?> FindAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<AgentRow>(
            $"SELECT {Columns} FROM agents WHERE id = @Id AND teamspace_id = @TeamspaceId;",
            new { Id = id, TeamspaceId = teamspaceId }).ConfigureAwait(false);
        return row?.ToRecord();
    }

    /// <summary>A page of the teamspace's agents, newest first; <paramref name="search"/> filters by name.</summary>
    public async Task<IReadOnlyList<AgentRecord>> ListAsync(string teamspaceId, PageRequest page, string? search = null, CancellationToken cancellationToken = default)
    {
        var (where, orderBy, reverse) = Keyset.For(page, newestFirst: true);
        // The escape is explicit: PostgreSQL escapes with a backslash by default, SQLite not at all.
        var filter = string.IsNullOrWhiteSpace(search) ? string.Empty : @" AND LOWER(name) LIKE @Search ESCAPE '\'";
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AgentRow>(
            $"SELECT {Columns} FROM agents WHERE teamspace_id = @TeamspaceId{filter}{where}{orderBy};",
            new { TeamspaceId = teamspaceId, page.After, page.Before, page.Limit, Search = $"%{EscapeLike(search?.ToLowerInvariant())}%" }).ConfigureAwait(false);
        return Keyset.Arrange(rows.Select(r => r.ToRecord()), reverse);
    }

    /// <summary>
    /// A page of the agents of every teamspace whose stored spec holds <paramref name="fragment"/>, oldest first, after
    /// <paramref name="afterId"/>: for upgrades of stored specs at start-up, never for a caller of the API.
    /// </summary>
    public async Task<IReadOnlyList<AgentRecord>> ScanAsync(string fragment, string? afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        var after = afterId is null ? string.Empty : " AND id > @AfterId";
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AgentRow>(
            $@"SELECT {Columns} FROM agents WHERE spec_json LIKE @Pattern ESCAPE '\'{after} ORDER BY id LIMIT @Limit;",
            new { Pattern = $"%{EscapeLike(fragment)}%", AfterId = afterId, Limit = limit }).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRecord())];
    }

    /// <summary>Creates an agent.</summary>
    /// <remarks>A teamspace has at most one default agent: the database refuses a second (use <see cref="GetDefaultAsync"/>).</remarks>
    public async Task<AgentRecord> CreateAsync(string teamspaceId, string name, AgentSpec spec, bool isDefault = false, CancellationToken cancellationToken = default)
    {
        var agent = NewAgent(teamspaceId, name, spec, isDefault);
        await InsertAsync(agent, onConflict: string.Empty, cancellationToken).ConfigureAwait(false);
        return agent;
    }

    /// <summary>Replaces an agent's name and spec; null when there is no such agent in the teamspace.</summary>
    public Task<AgentRecord?> UpdateAsync(string teamspaceId, string id, string name, AgentSpec spec, CancellationToken cancellationToken = default)
        => UpdateAsync(teamspaceId, id, _ => (name, spec), cancellationToken);

    /// <summary>
    /// Changes an agent atomically: <paramref name="change"/> gets the agent as stored now and returns its new name and
    /// spec, with no other write to the agent in between, so concurrent changes of different fields all land. Null when
    /// there is no such agent in the teamspace; an exception from <paramref name="change"/> changes nothing.
    /// </summary>
    public async Task<AgentRecord?> UpdateAsync(
        string teamspaceId, string id, Func<AgentRecord, (string Name, AgentSpec Spec)> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<AgentRow>(
                $"SELECT {Columns} FROM agents WHERE id = @Id AND teamspace_id = @TeamspaceId{database.ForUpdate};",
                new { Id = id, TeamspaceId = teamspaceId },
                transaction).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            var current = row.ToRecord();
            var (name, spec) = change(current);
            var updated = current with { Name = name, Spec = spec, UpdatedAt = timeProvider.StorageNow() };
            await connection.ExecuteAsync(
                "UPDATE agents SET name = @Name, spec_json = @SpecJson, updated_at = @UpdatedAt WHERE id = @Id;",
                AgentRow.From(updated),
                transaction).ConfigureAwait(false);
            return updated;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an agent; false when there is no such agent in the teamspace.</summary>
    public async Task<bool> DeleteAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(
            "DELETE FROM agents WHERE id = @Id AND teamspace_id = @TeamspaceId;", new { Id = id, TeamspaceId = teamspaceId }).ConfigureAwait(false) == 1;
    }

    /// <summary>The teamspace's default agent, created on first use (and again if it was deleted).</summary>
    public async Task<AgentRecord> GetDefaultAsync(string teamspaceId, CancellationToken cancellationToken = default)
    {
        const string Select = $"SELECT {Columns} FROM agents WHERE teamspace_id = @TeamspaceId AND is_default = TRUE ORDER BY id LIMIT 1;";
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            var existing = await connection.QuerySingleOrDefaultAsync<AgentRow>(Select, new { TeamspaceId = teamspaceId }).ConfigureAwait(false);
            if (existing is not null)
            {
                return existing.ToRecord();
            }
        }

        // Two first sessions may race to create it: the unique index keeps the first, and both read that one back.
        var agent = NewAgent(teamspaceId, "Parley", new AgentSpec { Description = "The default voice agent." }, isDefault: true);
        await InsertAsync(agent, onConflict: " ON CONFLICT DO NOTHING", cancellationToken).ConfigureAwait(false);
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            return (await connection.QuerySingleAsync<AgentRow>(Select, new { TeamspaceId = teamspaceId }).ConfigureAwait(false)).ToRecord();
        }
    }

    private AgentRecord NewAgent(string teamspaceId, string name, AgentSpec spec, bool isDefault)
    {
        var now = timeProvider.StorageNow();
        return new AgentRecord { Id = Ids.New(), TeamspaceId = teamspaceId, Name = name, IsDefault = isDefault, Spec = spec, CreatedAt = now, UpdatedAt = now };
    }

    private async Task InsertAsync(AgentRecord agent, string onConflict, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            $"INSERT INTO agents ({Columns}) VALUES (@Id, @TeamspaceId, @Name, @IsDefault, @SpecJson, @CreatedAt, @UpdatedAt){onConflict};",
            AgentRow.From(agent)).ConfigureAwait(false);
    }

    /// <summary>Makes LIKE's wildcards in a search literal, so "100%" finds "100%" and not "1000".</summary>
    private static string EscapeLike(string? text) => (text ?? string.Empty)
        .Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace("%", @"\%", StringComparison.Ordinal)
        .Replace("_", @"\_", StringComparison.Ordinal);

    private sealed record AgentRow
    {
        public required string Id { get; init; }
        public required string TeamspaceId { get; init; }
        public required string Name { get; init; }
        public bool IsDefault { get; init; }
        public required string SpecJson { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public static AgentRow From(AgentRecord agent) => new()
        {
            Id = agent.Id,
            TeamspaceId = agent.TeamspaceId,
            Name = agent.Name,
            IsDefault = agent.IsDefault,
            SpecJson = Serialize(agent.Spec),
            CreatedAt = agent.CreatedAt,
            UpdatedAt = agent.UpdatedAt,
        };

        public static string Serialize(AgentSpec spec) => JsonSerializer.Serialize(spec, StorageJsonContext.Default.AgentSpec);

        public AgentRecord ToRecord() => new()
        {
            Id = Id,
            TeamspaceId = TeamspaceId,
            Name = Name,
            IsDefault = IsDefault,
            Spec = JsonSerializer.Deserialize(SpecJson, StorageJsonContext.Default.AgentSpec) ?? new AgentSpec(),
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
        };
    }
}

using Dapper;
using Parley.Storage.Database;

namespace Parley.Storage.Agents;

/// <summary>Agents of each teamspace; every teamspace has a default one.</summary>
public sealed class AgentStore(ParleyDatabase database, TimeProvider timeProvider)
{
    private const string Columns =
        "id, teamspace_id, name, description, emoji, system_prompt, custom_prompt, llm_model, agent_model, voice_preset, is_default, extra_json, created_at, updated_at";

    /// <summary>The agent with this id in this teamspace, or null.</summary>
    public async Task<AgentRecord?> FindAsync(string teamspaceId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<AgentRecord>(
            $"SELECT {Columns} FROM agents WHERE id = @Id AND teamspace_id = @TeamspaceId;",
            new { Id = id, TeamspaceId = teamspaceId }).ConfigureAwait(false);
    }

    /// <summary>The teamspace's default agent, created on first use.</summary>
    public async Task<AgentRecord> GetDefaultAsync(string teamspaceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        const string Select = $"SELECT {Columns} FROM agents WHERE teamspace_id = @TeamspaceId AND is_default = 1 ORDER BY created_at, id LIMIT 1;";
        var existing = await connection.QuerySingleOrDefaultAsync<AgentRecord>(Select, new { TeamspaceId = teamspaceId }).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        var now = timeProvider.GetUtcNow();
        var agent = new AgentRecord
        {
            Id = Ids.New(),
            TeamspaceId = teamspaceId,
            Name = "Parley",
            Description = "The default voice agent.",
            IsDefault = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await connection.ExecuteAsync(
            $"""
            INSERT INTO agents ({Columns})
            VALUES (@Id, @TeamspaceId, @Name, @Description, @Emoji, @SystemPrompt, @CustomPrompt, @LlmModel, @AgentModel, @VoicePreset, @IsDefault, @ExtraJson, @CreatedAt, @UpdatedAt);
            """,
            agent).ConfigureAwait(false);
        // Two first sessions may race to create it; the oldest default wins for both.
        return await connection.QuerySingleAsync<AgentRecord>(Select, new { TeamspaceId = teamspaceId }).ConfigureAwait(false);
    }
}

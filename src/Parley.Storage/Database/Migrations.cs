namespace Parley.Storage.Database;

/// <summary>The schema, as an ordered list of changes. Never edit one that has shipped: add the next.</summary>
/// <remarks>
/// One text serves both engines through a few tokens: <c>{time}</c> (ISO text in SQLite, <c>timestamptz</c> in
/// PostgreSQL), <c>{bool}</c>, <c>{real}</c>, <c>{blob}</c> and <c>{serial}</c> (an auto-numbered primary key). Changes that only
/// one engine can express (full-text indexes) give one text per engine. A feature's schema may live in its own
/// folder; it is listed here so the order is in one place.
/// </remarks>
internal static class Migrations
{
    private static readonly MigrationSource[] All =
    [
        new(1, Both: """
            CREATE TABLE teamspaces (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                created_at {time} NOT NULL
            );
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                teamspace_id TEXT NOT NULL REFERENCES teamspaces(id),
                name TEXT NOT NULL,
                prefix TEXT NOT NULL,
                key_hash TEXT NOT NULL UNIQUE,
                is_admin {bool} NOT NULL,
                created_at {time} NOT NULL,
                revoked_at {time} NULL
            );
            CREATE INDEX ix_api_keys_teamspace ON api_keys (teamspace_id, created_at, id);
            CREATE TABLE agents (
                id TEXT PRIMARY KEY,
                teamspace_id TEXT NOT NULL REFERENCES teamspaces(id),
                name TEXT NOT NULL,
                is_default {bool} NOT NULL,
                spec_json TEXT NOT NULL,
                created_at {time} NOT NULL,
                updated_at {time} NOT NULL
            );
            CREATE INDEX ix_agents_teamspace ON agents (teamspace_id, created_at, id);
            CREATE TABLE conversations (
                id TEXT PRIMARY KEY,
                teamspace_id TEXT NOT NULL REFERENCES teamspaces(id),
                name TEXT NULL,
                agent_ids_json TEXT NOT NULL,
                created_at {time} NOT NULL,
                updated_at {time} NOT NULL
            );
            CREATE INDEX ix_conversations_teamspace ON conversations (teamspace_id, created_at, id);
            CREATE TABLE messages (
                id TEXT PRIMARY KEY,
                teamspace_id TEXT NOT NULL REFERENCES teamspaces(id),
                conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                agent_id TEXT NULL,
                role TEXT NOT NULL,
                kind TEXT NOT NULL,
                text TEXT NULL,
                duration_ms BIGINT NULL,
                credits {real} NOT NULL DEFAULT 0,
                created_at {time} NOT NULL,
                ended_at {time} NULL
            );
            CREATE INDEX ix_messages_conversation ON messages (conversation_id, created_at, id);
            CREATE TABLE timeline_events (
                id {serial},
                message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                timestamp_ms BIGINT NOT NULL,
                type TEXT NOT NULL,
                role TEXT NULL,
                text TEXT NULL,
                tool_name TEXT NULL,
                status TEXT NULL,
                citations_json TEXT NULL
            );
            CREATE INDEX ix_timeline_events_message ON timeline_events (message_id, id);
            """),
        new(2, Sqlite: Knowledge.KnowledgeSchema.Sqlite, Postgres: Knowledge.KnowledgeSchema.Postgres),
        new(3, Both: Agents.AgentSchema.OneDefaultPerTeamspace),
        new(4, Both: Secrets.SecretSchema.Sql),
        new(10, Both: Secrets.SecretSchema.AllowedHosts),
        new(20, Both: Knowledge.KnowledgeSchema.FileAttempts),
        new(30, Both: ApiKeys.ApiKeySchema.Roles),
        new(40, Both: Knowledge.KnowledgeSchema.FileParts),
        new(41, Both: Knowledge.KnowledgeSchema.IngestionClaims),
        new(50, Sqlite: Files.FileSchema.Sqlite, Postgres: Files.FileSchema.Postgres),
        new(51, Both: Webhooks.WebhookSchema.Sql),
        new(52, Both: Knowledge.KnowledgeSchema.FileIndex),
        new(60, Both: Orchestration.OrchestratorTaskSchema.Sql),
        new(70, Both: Telephony.TelephonySchema.PhoneNumbers),
        new(71, Both: Telephony.TelephonySchema.Calls),
        new(72, Both: Telephony.TelephonySchema.WebhookPublicKey),
        new(78, Both: Messages.TimelineSchema.Sequence),
    ];

    /// <summary>The migrations for one engine, in order, tokens replaced.</summary>
    public static IReadOnlyList<Migration> For(DatabaseProvider provider) => All
        .OrderBy(m => m.Version)
        .Select(m => new Migration(m.Version, Expand(provider == DatabaseProvider.Postgres ? m.Postgres ?? m.Both : m.Sqlite ?? m.Both, provider)))
        .Where(m => !string.IsNullOrWhiteSpace(m.Sql))
        .ToList();

    private static string Expand(string? sql, DatabaseProvider provider) => (sql ?? string.Empty)
        .Replace("{time}", provider == DatabaseProvider.Postgres ? "TIMESTAMPTZ" : "TEXT", StringComparison.Ordinal)
        .Replace("{bool}", provider == DatabaseProvider.Postgres ? "BOOLEAN" : "INTEGER", StringComparison.Ordinal)
        .Replace("{real}", provider == DatabaseProvider.Postgres ? "DOUBLE PRECISION" : "REAL", StringComparison.Ordinal)
        .Replace("{blob}", provider == DatabaseProvider.Postgres ? "BYTEA" : "BLOB", StringComparison.Ordinal)
        .Replace("{serial}", provider == DatabaseProvider.Postgres ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT", StringComparison.Ordinal);
}

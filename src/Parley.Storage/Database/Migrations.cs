namespace Parley.Storage.Database;

/// <summary>The schema, as an ordered list of changes. Never edit an applied one: add the next.</summary>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, """
            CREATE TABLE teamspaces (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                teamspace_id TEXT NOT NULL REFERENCES teamspaces(id),
                name TEXT NOT NULL,
                prefix TEXT NOT NULL,
                key_hash TEXT NOT NULL UNIQUE,
                is_admin INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                revoked_at TEXT NULL
            );
            CREATE TABLE agents (
                id TEXT PRIMARY KEY,
                teamspace_id TEXT NOT NULL REFERENCES teamspaces(id),
                name TEXT NOT NULL,
                description TEXT NULL,
                emoji TEXT NULL,
                system_prompt TEXT NULL,
                custom_prompt TEXT NULL,
                llm_model TEXT NULL,
                agent_model TEXT NULL,
                voice_preset TEXT NULL,
                is_default INTEGER NOT NULL,
                extra_json TEXT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX ix_agents_teamspace ON agents (teamspace_id, created_at, id);
            CREATE TABLE conversations (
                id TEXT PRIMARY KEY,
                teamspace_id TEXT NOT NULL REFERENCES teamspaces(id),
                name TEXT NULL,
                agent_id TEXT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX ix_conversations_teamspace ON conversations (teamspace_id, created_at, id);
            CREATE TABLE messages (
                id TEXT PRIMARY KEY,
                teamspace_id TEXT NOT NULL REFERENCES teamspaces(id),
                conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                agent_id TEXT NULL,
                role TEXT NOT NULL,
                kind TEXT NOT NULL,
                duration_ms INTEGER NULL,
                credits REAL NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                ended_at TEXT NULL
            );
            CREATE INDEX ix_messages_conversation ON messages (conversation_id, created_at, id);
            CREATE TABLE timeline_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                timestamp_ms INTEGER NOT NULL,
                type TEXT NOT NULL,
                role TEXT NULL,
                text TEXT NULL,
                tool_name TEXT NULL,
                status TEXT NULL,
                citations_json TEXT NULL
            );
            CREATE INDEX ix_timeline_events_message ON timeline_events (message_id, id);
            """),
    ];
}

namespace Parley.Storage.Files;

/// <summary>The files tables (migration 50): file rows, their bytes in the database, and the audio clips of voice messages.</summary>
/// <remarks>
/// A file row is written before its bytes (state <c>writing</c>) and marked <c>ready</c> once they are all stored, so a
/// crash leaves a row that says what happened. Bytes live in <c>file_chunks</c> on PostgreSQL and in the data folder
/// on SQLite (see <see cref="FileContentStores"/>); the chunk table exists on both, so either store runs on either
/// engine. Recording files belong to their voice message and go with it (a deleted conversation takes them along).
/// </remarks>
internal static class FileSchema
{
    private const string Tables = """
        CREATE TABLE files (
            id TEXT PRIMARY KEY,
            teamspace_id TEXT NOT NULL REFERENCES teamspaces(id),
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            filename TEXT NOT NULL,
            media_type TEXT NOT NULL,
            size_bytes BIGINT NOT NULL DEFAULT 0,
            message_id TEXT NULL REFERENCES messages(id) ON DELETE CASCADE,
            pcm_sample_rate INTEGER NULL,
            pcm_channels INTEGER NULL,
            created_at {time} NOT NULL,
            expires_at {time} NULL
        );
        CREATE INDEX ix_files_teamspace ON files (teamspace_id, kind, id);
        CREATE INDEX ix_files_expires ON files (expires_at);
        CREATE INDEX ix_files_kind_created ON files (kind, created_at);
        CREATE INDEX ix_files_message ON files (message_id);
        CREATE TABLE audio_clips (
            file_id TEXT PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
            message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            participant_type TEXT NOT NULL,
            participant_id TEXT NOT NULL,
            start_time_ms BIGINT NOT NULL,
            duration_ms BIGINT NOT NULL
        );
        CREATE INDEX ix_audio_clips_message ON audio_clips (message_id, start_time_ms);
        """;

    /// <summary>The schema for SQLite.</summary>
    public const string Sqlite = Tables + """

        CREATE TABLE file_chunks (
            file_id TEXT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (file_id, seq)
        );
        """;

    /// <summary>The schema for PostgreSQL.</summary>
    public const string Postgres = Tables + """

        CREATE TABLE file_chunks (
            file_id TEXT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            data BYTEA NOT NULL,
            PRIMARY KEY (file_id, seq)
        );
        """;
}

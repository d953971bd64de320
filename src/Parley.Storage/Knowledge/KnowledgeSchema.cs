namespace Parley.Storage.Knowledge;

/// <summary>The knowledge tables (migration 2): one text per engine, because each indexes text its own way.</summary>
/// <remarks>
/// SQLite keeps an FTS5 index over the chunk text as an external-content table (the text is stored once, in
/// <c>knowledge_chunks</c>), kept in step by triggers; the porter tokenizer stems English words as PostgreSQL's
/// <c>english</c> configuration does. PostgreSQL keeps a generated <c>tsvector</c> column with a GIN index.
/// Row counts (<c>files_*</c>) and the status are kept on the knowledge row so lists need no aggregation.
/// </remarks>
internal static class KnowledgeSchema
{
    private const string Tables = """
        CREATE TABLE knowledge (
            id TEXT PRIMARY KEY,
            teamspace_id TEXT NOT NULL REFERENCES teamspaces(id),
            name TEXT NOT NULL,
            status TEXT NOT NULL,
            last_error TEXT NULL,
            files_total INTEGER NOT NULL DEFAULT 0,
            files_completed INTEGER NOT NULL DEFAULT 0,
            files_failed INTEGER NOT NULL DEFAULT 0,
            chunk_count INTEGER NOT NULL DEFAULT 0,
            created_at {time} NOT NULL,
            updated_at {time} NOT NULL
        );
        CREATE INDEX ix_knowledge_teamspace ON knowledge (teamspace_id, id);
        CREATE TABLE knowledge_files (
            id TEXT PRIMARY KEY,
            knowledge_id TEXT NOT NULL REFERENCES knowledge(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            media_type TEXT NOT NULL,
            size_bytes BIGINT NOT NULL,
            status TEXT NOT NULL,
            error TEXT NULL,
            chunk_count INTEGER NOT NULL DEFAULT 0,
            created_at {time} NOT NULL
        );
        CREATE INDEX ix_knowledge_files_knowledge ON knowledge_files (knowledge_id, id);
        CREATE INDEX ix_knowledge_files_status ON knowledge_files (status, knowledge_id);
        """;

    /// <summary>The schema for SQLite.</summary>
    public const string Sqlite = Tables + """

        CREATE TABLE knowledge_chunks (
            id {serial},
            knowledge_id TEXT NOT NULL REFERENCES knowledge(id) ON DELETE CASCADE,
            file_id TEXT NOT NULL REFERENCES knowledge_files(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            source_name TEXT NOT NULL,
            page_number INTEGER NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX ix_knowledge_chunks_file ON knowledge_chunks (file_id, ordinal);
        CREATE INDEX ix_knowledge_chunks_knowledge ON knowledge_chunks (knowledge_id);
        CREATE VIRTUAL TABLE knowledge_chunks_fts USING fts5(
            text,
            content = 'knowledge_chunks',
            content_rowid = 'id',
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER knowledge_chunks_fts_insert AFTER INSERT ON knowledge_chunks BEGIN
            INSERT INTO knowledge_chunks_fts (rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER knowledge_chunks_fts_delete AFTER DELETE ON knowledge_chunks BEGIN
            INSERT INTO knowledge_chunks_fts (knowledge_chunks_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        """;

    /// <summary>Migration 20: how many times ingestion started on each file, so a file in hand at every crash is given up.</summary>
    public const string FileAttempts = "ALTER TABLE knowledge_files ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;";

    /// <summary>
    /// Migration 40: the bytes of uploaded files, in parts, for a server on PostgreSQL: every node of a cluster reads
    /// every upload from here, none from its own folder.
    /// </summary>
    /// <remarks>
    /// Without a foreign key: the bytes are saved before their file is recorded (so a recorded file always has its bytes),
    /// and deleted with their knowledge. Parts bound what one row, and one read, holds in memory.
    /// </remarks>
    public const string FileParts = """
        CREATE TABLE knowledge_file_parts (
            knowledge_id TEXT NOT NULL,
            file_id TEXT NOT NULL,
            part INTEGER NOT NULL,
            bytes {blob} NOT NULL,
            PRIMARY KEY (file_id, part)
        );
        CREATE INDEX ix_knowledge_file_parts_knowledge ON knowledge_file_parts (knowledge_id);
        """;

    /// <summary>Migration 41: which node ingests a knowledge, under which claim, until when; a claim that lapses (its node died) is taken over.</summary>
    public const string IngestionClaims = """
        ALTER TABLE knowledge ADD COLUMN ingest_claim TEXT NULL;
        ALTER TABLE knowledge ADD COLUMN ingest_node TEXT NULL;
        ALTER TABLE knowledge ADD COLUMN ingest_lease_until {time} NULL;
        """;

    /// <summary>Migration 52: knowledge that indexes one uploaded file (the Files API) for the sessions given its id.</summary>
    public const string FileIndex = """
        ALTER TABLE knowledge ADD COLUMN file_id TEXT NULL;
        CREATE INDEX ix_knowledge_file ON knowledge (file_id);
        """;

    /// <summary>The schema for PostgreSQL.</summary>
    public const string Postgres = Tables + """

        CREATE TABLE knowledge_chunks (
            id {serial},
            knowledge_id TEXT NOT NULL REFERENCES knowledge(id) ON DELETE CASCADE,
            file_id TEXT NOT NULL REFERENCES knowledge_files(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            source_name TEXT NOT NULL,
            page_number INTEGER NULL,
            text TEXT NOT NULL,
            text_search TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', text)) STORED
        );
        CREATE INDEX ix_knowledge_chunks_file ON knowledge_chunks (file_id, ordinal);
        CREATE INDEX ix_knowledge_chunks_knowledge ON knowledge_chunks (knowledge_id);
        CREATE INDEX ix_knowledge_chunks_search ON knowledge_chunks USING GIN (text_search);
        """;
}

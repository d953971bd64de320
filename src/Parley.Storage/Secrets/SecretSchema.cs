namespace Parley.Storage.Secrets;

/// <summary>The secrets table (migration 4) and where each may be sent (migration 10): one text for both engines.</summary>
/// <remarks>
/// The value is kept only as ciphertext (<see cref="SecretProtector"/>), so a copy of the database alone reveals no
/// secret. Names are unique per teamspace because webhooks and MCP servers refer to secrets by name.
/// </remarks>
internal static class SecretSchema
{
    public const string Sql = """
        CREATE TABLE secrets (
            id TEXT PRIMARY KEY,
            teamspace_id TEXT NOT NULL REFERENCES teamspaces(id),
            name TEXT NOT NULL,
            protected_value TEXT NOT NULL,
            created_at {time} NOT NULL,
            updated_at {time} NOT NULL
        );
        CREATE UNIQUE INDEX ux_secrets_name ON secrets (teamspace_id, name);
        CREATE INDEX ix_secrets_teamspace ON secrets (teamspace_id, id);
        """;

    /// <summary>The hosts a secret may be sent to, as a JSON list; NULL (every secret stored before) means anywhere.</summary>
    public const string AllowedHosts = "ALTER TABLE secrets ADD COLUMN allowed_hosts_json TEXT NULL;";
}

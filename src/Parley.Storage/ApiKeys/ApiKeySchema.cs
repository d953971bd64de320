namespace Parley.Storage.ApiKeys;

/// <summary>API keys' schema changes after the first, listed in <see cref="Database.Migrations"/>.</summary>
internal static class ApiKeySchema
{
    /// <summary>
    /// Roles: <c>is_operator</c> (the server-level role that may manage every teamspace's keys) and <c>is_bootstrap</c>
    /// (the key the server made or took from <c>PARLEY_API_KEY</c>, revoked when that setting changes). Bootstrap keys
    /// made before this are found by the names the bootstrapper gave them. Stored prefixes are cut to what
    /// <see cref="ApiKeyHasher.DisplayPrefix"/> shows now; a configured key may have been short, so its prefix keeps only 3 characters.
    /// </summary>
    public const string Roles = """
        ALTER TABLE api_keys ADD COLUMN is_operator {bool} NOT NULL DEFAULT FALSE;
        ALTER TABLE api_keys ADD COLUMN is_bootstrap {bool} NOT NULL DEFAULT FALSE;
        UPDATE api_keys SET is_operator = TRUE, is_bootstrap = TRUE
        WHERE teamspace_id = 'default' AND is_admin = TRUE AND name IN ('bootstrap (PARLEY_API_KEY)', 'bootstrap (generated)');
        UPDATE api_keys SET prefix = SUBSTR(prefix, 1, 3) WHERE name = 'bootstrap (PARLEY_API_KEY)';
        UPDATE api_keys SET prefix = SUBSTR(prefix, 1, 8) WHERE LENGTH(prefix) > 8;
        """;
}

namespace Parley.Storage.Database;

/// <summary>One numbered schema change as written: SQL for both engines, or one text per engine.</summary>
internal sealed record MigrationSource(long Version, string? Both = null, string? Sqlite = null, string? Postgres = null);

namespace Parley.Storage.Database;

/// <summary>Where Parley keeps its data: SQLite in the data folder unless PostgreSQL is configured.</summary>
public sealed record StorageOptions
{
    /// <summary>Folder for the database and files (<c>PARLEY_DATA_DIR</c>, default <c>./data</c>).</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>Which engine; <see cref="DatabaseProvider.Sqlite"/> by default.</summary>
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string; for SQLite, when absent, <c>parley.db</c> in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The connection string to open.</summary>
    public string ResolveConnectionString() => Provider switch
    {
        DatabaseProvider.Postgres => ConnectionString
            ?? throw new InvalidOperationException("PostgreSQL needs a connection string (Parley:Storage:ConnectionString or PARLEY_POSTGRES)."),
        _ => ConnectionString
            ?? $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), "parley.db")};Foreign Keys=True;Default Timeout=30",
    };
}

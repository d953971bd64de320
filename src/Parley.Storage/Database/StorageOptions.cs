namespace Parley.Storage.Database;

/// <summary>Where Parley keeps its data.</summary>
public sealed record StorageOptions
{
    /// <summary>Folder for the database and files (<c>PARLEY_DATA_DIR</c>, default <c>./data</c>).</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>Explicit SQLite connection string; when absent, <c>parley.db</c> in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The connection string to open.</summary>
    public string ResolveConnectionString()
        => ConnectionString ?? $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), "parley.db")};Foreign Keys=True;Default Timeout=30";
}

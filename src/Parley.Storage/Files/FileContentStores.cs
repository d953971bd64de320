using Parley.Storage.Database;

namespace Parley.Storage.Files;

/// <summary>Picks where file bytes live: in the database on PostgreSQL (every node sees them), in the data folder on SQLite.</summary>
public static class FileContentStores
{
    /// <summary>The folder, under the data folder, that holds file bytes on SQLite.</summary>
    public const string Folder = "files";

    /// <summary>The store for <paramref name="database"/>, with the data folder <paramref name="dataDirectory"/>.</summary>
    public static IFileContentStore For(ParleyDatabase database, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.Provider == DatabaseProvider.Postgres
            ? new DatabaseFileContentStore(database)
            : new FolderFileContentStore(Path.Combine(dataDirectory, Folder));
    }
}

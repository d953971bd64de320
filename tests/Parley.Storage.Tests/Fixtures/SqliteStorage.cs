using Microsoft.Data.Sqlite;
using Parley.Storage.Database;

namespace Parley.Storage.Tests.Fixtures;

/// <summary>SQLite databases in a temporary folder, as the server makes them (a file per data folder).</summary>
public sealed class SqliteStorage : StorageFixture
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "parley-storage-tests", Guid.NewGuid().ToString("N"));
    private readonly List<ParleyDatabase> _databases = [];

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override Task<ParleyDatabase> CreateDatabaseAsync()
    {
        var database = new ParleyDatabase(new StorageOptions { DataDirectory = Path.Combine(_directory, _databases.Count.ToString()) });
        _databases.Add(database);
        return Task.FromResult(database);
    }

    public override Task DisposeAsync()
    {
        _databases.ForEach(d => d.Dispose());
        // Pooled connections keep the files open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}

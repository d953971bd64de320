using Parley.Storage.Database;

namespace Parley.Storage.Tests.Fixtures;

/// <summary>One engine's database for one test class: made empty, migrated, and deleted when the class is done.</summary>
public abstract class StorageFixture : IAsyncLifetime
{
    private ParleyDatabase? _database;

    /// <summary>The engine under test.</summary>
    public abstract DatabaseProvider Provider { get; }

    /// <summary>The migrated database the tests of the class share; each test works in teamspaces of its own.</summary>
    public ParleyDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Another empty, unmigrated database of the same engine, deleted with the fixture.</summary>
    public abstract Task<ParleyDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await _database.MigrateAsync();
    }

    public abstract Task DisposeAsync();
}

using Microsoft.Extensions.Time.Testing;
using Parley.Storage.Database;
using Parley.Storage.Teamspaces;

namespace Parley.Storage.Tests;

/// <summary>A fresh SQLite database in a temporary folder, migrated, with the default teamspace and a second one.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public const string OtherTeamspace = "other";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "parley-storage-tests", Guid.NewGuid().ToString("N"));

    public TestDatabase() => Database = new ParleyDatabase(new StorageOptions { DataDirectory = _directory });

    public ParleyDatabase Database { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        await Database.MigrateAsync();
        await new TeamspaceStore(Database, Time).EnsureDefaultAsync();
        await using var connection = await Database.OpenAsync();
        await Dapper.SqlMapper.ExecuteAsync(connection, "INSERT INTO teamspaces (id, name, created_at) VALUES ('other', 'Other', '2026-01-01T00:00:00Z');");
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

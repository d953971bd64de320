using Microsoft.Data.Sqlite;
using Parley.Storage;
using Parley.Storage.Database;
using Parley.Storage.Knowledge;
using Parley.Storage.Teamspaces;

namespace Parley.Tools.Tests.Knowledge;

/// <summary>A real, migrated SQLite database in a temporary folder, with a <see cref="KnowledgeStore"/> over it.</summary>
public sealed class KnowledgeDatabase : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "parley-tools-tests", Guid.NewGuid().ToString("N"));
    private ParleyDatabase? _database;

    public KnowledgeStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = new ParleyDatabase(new StorageOptions { DataDirectory = _directory });
        await _database.MigrateAsync();
        Store = new KnowledgeStore(_database, TimeProvider.System);
    }

    /// <summary>A new teamspace, for one test alone.</summary>
    public async Task<string> NewTeamspaceAsync()
    {
        var id = Ids.New();
        await new TeamspaceStore(_database!, TimeProvider.System).EnsureAsync(id, $"Teamspace {id}");
        return id;
    }

    /// <summary>A knowledge whose files are already ingested into these passages.</summary>
    public async Task<string> IndexAsync(string teamspace, string name, params (string File, KnowledgeChunk[] Chunks)[] files)
    {
        var knowledge = await Store.CreateAsync(teamspace, Ids.New(), name, [.. files.Select(f => new NewKnowledgeFile(Ids.New(), f.File, "text/plain", 100))]);
        var pending = await Store.ListPendingFilesAsync(knowledge.Id);
        for (var i = 0; i < files.Length; i++)
        {
            Assert.True(await Store.CompleteFileAsync(pending[i], files[i].Chunks));
        }

        return knowledge.Id;
    }

    public Task DisposeAsync()
    {
        _database?.Dispose();
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}

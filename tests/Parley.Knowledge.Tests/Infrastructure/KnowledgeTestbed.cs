using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Parley.Knowledge.Chunking;
using Parley.Knowledge.Extraction;
using Parley.Knowledge.Extraction.Isolation;
using Parley.Knowledge.Files;
using Parley.Knowledge.Ingestion;
using Parley.Storage;
using Parley.Storage.Database;
using Parley.Storage.Knowledge;
using Parley.Storage.Teamspaces;

namespace Parley.Knowledge.Tests.Infrastructure;

/// <summary>A data folder with a migrated SQLite database and the knowledge services over it, without a host.</summary>
public sealed class KnowledgeTestbed : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "parley-knowledge-tests", Guid.NewGuid().ToString("N"));

    public KnowledgeTestbed()
    {
        Database = new ParleyDatabase(new StorageOptions { DataDirectory = _directory });
        Options = new KnowledgeOptions { DataDirectory = _directory };
        Store = new KnowledgeStore(Database, Time);
        Files = new KnowledgeFileStore(Options);
        Service = new KnowledgeService(Store, Files, Queue);
        Ingestor = IngestorWith(Options);
    }

    public ParleyDatabase Database { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public KnowledgeOptions Options { get; }

    public KnowledgeStore Store { get; }

    public KnowledgeFileStore Files { get; }

    public KnowledgeIngestionQueue Queue { get; } = new();

    public KnowledgeService Service { get; }

    public KnowledgeIngestor Ingestor { get; }

    /// <summary>An ingestor over this data folder with other limits, on the testbed's clock.</summary>
    public KnowledgeIngestor IngestorWith(KnowledgeOptions options) => new(
        Store,
        new KnowledgeFileReader(Files, new PdfReaderProcess(options, NullLogger<PdfReaderProcess>.Instance), options),
        new TextChunker(),
        options,
        Time,
        NullLogger<KnowledgeIngestor>.Instance);

    /// <summary>The folder holding a knowledge's saved files.</summary>
    public string FolderOf(string knowledgeId) => Path.Combine(_directory, "knowledge", knowledgeId);

    /// <summary>A new teamspace, for one test alone.</summary>
    public async Task<string> NewTeamspaceAsync()
    {
        var id = Ids.New();
        await new TeamspaceStore(Database, Time).EnsureAsync(id, "test");
        return id;
    }

    /// <summary>An upload of the given text (UTF-8) or bytes.</summary>
    public static KnowledgeUpload Upload(string fileName, string text, string? contentType = null)
        => Upload(fileName, System.Text.Encoding.UTF8.GetBytes(text), contentType);

    public static KnowledgeUpload Upload(string fileName, byte[] bytes, string? contentType = null)
        => new(fileName, contentType, () => new MemoryStream(bytes));

    /// <summary>Creates a knowledge and ingests it at once, as the worker would.</summary>
    public async Task<KnowledgeRecord> CreateReadyAsync(string teamspaceId, string name, params KnowledgeUpload[] uploads)
    {
        var created = await Service.CreateAsync(teamspaceId, name, uploads);
        await Ingestor.IngestAsync(created.Id);
        return (await Store.FindAsync(teamspaceId, created.Id))!;
    }

    public Task InitializeAsync() => Database.MigrateAsync();

    public Task DisposeAsync()
    {
        Database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

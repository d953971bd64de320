using Parley.Storage.Files;
using Parley.Storage.Tests.Fixtures;

namespace Parley.Storage.Tests.Files;

/// <summary>The store each engine uses (the database's chunks on PostgreSQL, the data folder on SQLite), through one contract.</summary>
public abstract class FileContentStoreTests(StorageFixture storage) : StorageTests(storage), IDisposable
{
    public sealed class OnSqlite(SqliteStorage storage) : FileContentStoreTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : FileContentStoreTests(storage), IClassFixture<PostgresStorage>;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "parley-file-tests", Guid.NewGuid().ToString("N"));

    private IFileContentStore Content => FileContentStores.For(Database, _dataDirectory);

    [Fact]
    public void Each_engine_keeps_bytes_where_its_deployment_expects_them()
    {
        Assert.IsType(Storage.Provider == Parley.Storage.Database.DatabaseProvider.Postgres ? typeof(DatabaseFileContentStore) : typeof(FolderFileContentStore), Content);
    }

    [Fact]
    public async Task Bytes_written_in_pieces_of_any_size_read_back_whole()
    {
        var file = await NewFileAsync();
        var bytes = new byte[DatabaseFileContentStore.ChunkBytes * 2 + 12_345];
        new Random(7).NextBytes(bytes);

        await using (var writer = await Content.CreateAsync(file))
        {
            var offset = 0;
            foreach (var piece in new[] { 1, 1000, DatabaseFileContentStore.ChunkBytes, 77, bytes.Length })
            {
                var take = Math.Min(piece, bytes.Length - offset);
                await writer.WriteAsync(bytes.AsMemory(offset, take));
                offset += take;
            }

            Assert.Equal(bytes.Length, await writer.CompleteAsync());
        }

        Assert.Equal(bytes.Length, await Content.LengthAsync(file));
        Assert.Equal(bytes, await ReadAllAsync(file));
    }

    [Fact]
    public async Task Deleted_or_never_written_bytes_read_as_none()
    {
        var file = await NewFileAsync();
        Assert.Null(await Content.OpenReadAsync(file));
        Assert.Equal(0, await Content.LengthAsync(file));

        await using (var writer = await Content.CreateAsync(file))
        {
            await writer.WriteAsync(new byte[] { 1, 2, 3 });
            await writer.CompleteAsync();
        }

        await Content.DeleteAsync(file);
        await Content.DeleteAsync(file);
        Assert.Null(await Content.OpenReadAsync(file));
    }

    [Fact]
    public async Task Bytes_of_a_writer_that_never_completed_are_what_it_flushed_before_it_went()
    {
        // A crash mid-recording: what the writer stored is kept (up to the last chunk or buffer), and nothing is corrupt.
        var file = await NewFileAsync();
        var bytes = new byte[DatabaseFileContentStore.ChunkBytes + 10];
        new Random(3).NextBytes(bytes);
        var writer = await Content.CreateAsync(file);
        await writer.WriteAsync(bytes);
        await writer.DisposeAsync();

        var stored = await ReadAllAsync(file);
        Assert.True(stored.Length >= DatabaseFileContentStore.ChunkBytes, $"{stored.Length} bytes kept");
        Assert.Equal(bytes[..stored.Length], stored);
    }

    [Fact]
    public async Task Bytes_go_with_their_row_in_the_database_and_are_found_as_orphans_in_the_folder()
    {
        var file = await NewFileAsync();
        await using (var writer = await Content.CreateAsync(file))
        {
            await writer.WriteAsync(new byte[] { 9, 9, 9 });
            await writer.CompleteAsync();
        }

        var teamspace = (await QueryAsync<string>("SELECT teamspace_id FROM files WHERE id = @Id;", new { Id = file })).Single();
        await new FileStore(Database, Time).DeleteAsync(teamspace, file);

        var orphans = new List<string>();
        await foreach (var id in Content.ListOrphanCandidatesAsync(DateTimeOffset.UtcNow.AddMinutes(1)))
        {
            orphans.Add(id);
        }

        if (Content is DatabaseFileContentStore)
        {
            Assert.Null(await Content.OpenReadAsync(file));
            Assert.Empty(orphans);
        }
        else
        {
            Assert.Contains(file, orphans);
            var future = new List<string>();
            await foreach (var id in Content.ListOrphanCandidatesAsync(DateTimeOffset.UtcNow.AddHours(-1)))
            {
                future.Add(id);
            }

            Assert.DoesNotContain(file, future);
        }
    }

    [Fact]
    public void Folder_paths_take_only_ids()
    {
        var folder = new FolderFileContentStore(_dataDirectory);
        Assert.Throws<ArgumentException>(() => folder.PathOf("../../etc/passwd"));
        Assert.StartsWith(Path.GetFullPath(_dataDirectory), folder.PathOf(Ids.New()));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private async Task<string> NewFileAsync()
    {
        var teamspace = await NewTeamspaceAsync();
        var file = await new FileStore(Database, Time).CreateAsync(new FileRecord
        {
            Id = Ids.New(), TeamspaceId = teamspace, Kind = FileKinds.Upload, Filename = "f.bin", MediaType = "application/octet-stream",
        });
        return file.Id;
    }

    private async Task<byte[]> ReadAllAsync(string file)
    {
        await using var stream = await Content.OpenReadAsync(file);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

using Parley.Storage.Knowledge;
using Parley.Storage.Tests.Fixtures;

namespace Parley.Storage.Tests.Knowledge;

/// <summary>Uploads kept in the database, and claims on ingestion work: one holder at a time, taken over once lapsed, fencing what a lost holder writes.</summary>
public abstract class IngestionClaimTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : IngestionClaimTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : IngestionClaimTests(storage), IClassFixture<PostgresStorage>;

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private KnowledgeStore Store => new(Database, Time);

    [Fact]
    public async Task A_file_larger_than_a_part_comes_back_byte_for_byte_and_goes_with_its_knowledge()
    {
        var bytes = new byte[(KnowledgeStore.FilePartBytes * 2) + 123];
        new Random(7).NextBytes(bytes);
        var knowledge = Ids.New();

        Assert.Equal(bytes.Length, await Store.SaveFileContentAsync(knowledge, "f1", new MemoryStream(bytes)));
        Assert.Equal(0, await Store.SaveFileContentAsync(knowledge, "empty", new MemoryStream([])));
        using var copy = new MemoryStream();
        Assert.True(await Store.CopyFileContentAsync("f1", copy));
        Assert.Equal(bytes, copy.ToArray());
        Assert.True(await Store.CopyFileContentAsync("empty", new MemoryStream()));

        await Store.DeleteFileContentsAsync(knowledge);
        Assert.False(await Store.CopyFileContentAsync("f1", new MemoryStream()));
    }

    [Fact]
    public async Task Of_many_nodes_claiming_at_once_exactly_one_holds_the_work_and_another_takes_it_once_the_lease_lapses()
    {
        var knowledge = await CreateAsync("a.txt");
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Store.TryClaimIngestionAsync(knowledge.Id, $"node-{i}", Lease)));
        var held = Assert.Single(claims, c => c is not null)!;
        Assert.Empty(await Store.ListClaimableAsync());
        Assert.NotNull(await Store.FindIngestionNodeAsync(knowledge.Id));

        // Renewed while it works: still held after the first lease would have lapsed.
        Time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.True(await Store.RenewIngestionClaimAsync(knowledge.Id, held, Lease));
        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await Store.TryClaimIngestionAsync(knowledge.Id, "late", Lease));

        // Its node dies: once the lease lapses the work is claimable, and another node takes it.
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Equal([knowledge.Id], await Store.ListClaimableAsync());
        var taken = await Store.TryClaimIngestionAsync(knowledge.Id, "survivor", Lease);
        Assert.NotNull(taken);
        Assert.Equal("survivor", await Store.FindIngestionNodeAsync(knowledge.Id));

        // The old holder wakes up: its claim is gone, and nothing it records counts.
        Assert.False(await Store.RenewIngestionClaimAsync(knowledge.Id, held, Lease));
        var file = Assert.Single(await Store.ListPendingFilesAsync(knowledge.Id));
        Assert.Null(await Store.StartFileAsync(file, held));
        Assert.False(await Store.CompleteFileAsync(file, [new KnowledgeChunk(0, "stale text")], held));
        Assert.False(await Store.FailFileAsync(file, "stale failure", held));
        Assert.Equal(1, await Store.StartFileAsync(file, taken));
        Assert.True(await Store.CompleteFileAsync(file, [new KnowledgeChunk(0, "fresh text")], taken));

        // Nothing pending: nothing to claim; a release lets go only of its own claim.
        await Store.ReleaseIngestionClaimAsync(knowledge.Id, held);
        Assert.Equal("survivor", await Store.FindIngestionNodeAsync(knowledge.Id));
        await Store.ReleaseIngestionClaimAsync(knowledge.Id, taken!);
        Assert.Null(await Store.FindIngestionNodeAsync(knowledge.Id));
        Assert.Null(await Store.TryClaimIngestionAsync(knowledge.Id, "again", Lease));
        Assert.Equal(KnowledgeStatus.Ready, (await Store.FindAsync(knowledge.TeamspaceId, knowledge.Id))!.Status);
    }

    private async Task<KnowledgeRecord> CreateAsync(params string[] fileNames)
    {
        var teamspace = await NewTeamspaceAsync();
        return await Store.CreateAsync(teamspace, Ids.New(), "claims", [.. fileNames.Select(f => new NewKnowledgeFile(Ids.New(), f, "text/plain", 10))]);
    }
}

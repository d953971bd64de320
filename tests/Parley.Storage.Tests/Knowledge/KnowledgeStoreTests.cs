using Parley.Storage.Knowledge;
using Parley.Storage.Paging;
using Parley.Storage.Tests.Fixtures;
using Parley.Storage.Tests.Paging;

namespace Parley.Storage.Tests.Knowledge;

public abstract class KnowledgeStoreTests(StorageFixture storage) : StorageTests(storage)
{
    public sealed class OnSqlite(SqliteStorage storage) : KnowledgeStoreTests(storage), IClassFixture<SqliteStorage>;

    public sealed class OnPostgres(PostgresStorage storage) : KnowledgeStoreTests(storage), IClassFixture<PostgresStorage>;

    private KnowledgeStore Store => new(Database, Time);

    [Fact]
    public async Task Knowledge_is_created_pending_found_renamed_and_deleted_only_in_its_teamspace()
    {
        var teamspace = await NewTeamspaceAsync();
        var other = await NewTeamspaceAsync();
        var created = await CreateAsync(teamspace, "Handbook", "a.txt", "b.pdf");

        Assert.Equal(KnowledgeStatus.Pending, created.Status);
        Assert.Equal((2, 0, 0, 0), (created.FilesTotal, created.FilesCompleted, created.FilesFailed, created.ChunkCount));
        Assert.Equal(created, await Store.FindAsync(teamspace, created.Id));
        Assert.Equal(["a.txt", "b.pdf"], (await Store.ListFilesAsync(teamspace, created.Id)).Select(f => f.Name));
        Assert.All(await Store.ListFilesAsync(teamspace, created.Id), f => Assert.Equal(KnowledgeFileStatus.Pending, f.Status));

        Assert.Null(await Store.FindAsync(other, created.Id));
        Assert.Empty(await Store.ListFilesAsync(other, created.Id));
        Assert.Null(await Store.RenameAsync(other, created.Id, "stolen"));
        Assert.False(await Store.DeleteAsync(other, created.Id));
        Assert.Empty(await Store.ListAsync(other, PageRequest.First()));

        Time.Advance(TimeSpan.FromMinutes(1));
        var renamed = await Store.RenameAsync(teamspace, created.Id, "Staff handbook");
        Assert.Equal("Staff handbook", renamed!.Name);
        Assert.Equal(created.CreatedAt, renamed.CreatedAt);
        Assert.Equal(Time.GetUtcNow(), renamed.UpdatedAt);

        Assert.True(await Store.DeleteAsync(teamspace, created.Id));
        Assert.Null(await Store.FindAsync(teamspace, created.Id));
        Assert.False(await Store.DeleteAsync(teamspace, created.Id));
        Assert.Empty(await QueryAsync<string>("SELECT id FROM knowledge_files WHERE knowledge_id = @Id;", new { created.Id }));
    }

    [Fact]
    public async Task Knowledge_is_listed_newest_first_page_by_page()
    {
        var teamspace = await NewTeamspaceAsync();
        var made = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            made.Add((await CreateAsync(teamspace, $"k{i}", "f.txt")).Id);
        }

        await CreateAsync(await NewTeamspaceAsync(), "elsewhere", "f.txt");
        var newestFirst = made.AsEnumerable().Reverse().ToList();

        Assert.Equal(newestFirst, await PageWalk.ForwardAsync(IdsOf(teamspace), limit: 2));
        Assert.Equal(newestFirst[..^1], await PageWalk.BackwardAsync(IdsOf(teamspace), limit: 2, last: made[0]));
        Assert.Equal(["k2", "k1"], (await Store.ListAsync(teamspace, new PageRequest(made[3], null, 2))).Select(k => k.Name));
    }

    [Fact]
    public async Task Each_files_outcome_moves_the_status_pending_partial_ready()
    {
        var teamspace = await NewTeamspaceAsync();
        var knowledge = await CreateAsync(teamspace, "k", "a.txt", "b.txt");
        var files = await Store.ListPendingFilesAsync(knowledge.Id);
        Assert.Contains(knowledge.Id, await Store.ListUnfinishedAsync());

        Assert.True(await Store.CompleteFileAsync(files[0], [new KnowledgeChunk(0, "First."), new KnowledgeChunk(1, "Second.")]));
        var partial = (await Store.FindAsync(teamspace, knowledge.Id))!;
        Assert.Equal((KnowledgeStatus.Partial, 1, 0, 2), (partial.Status, partial.FilesCompleted, partial.FilesFailed, partial.ChunkCount));
        Assert.Equal([files[1].Id], (await Store.ListPendingFilesAsync(knowledge.Id)).Select(f => f.Id));

        Assert.True(await Store.CompleteFileAsync(files[1], [new KnowledgeChunk(0, "Third.", 4)]));
        var ready = (await Store.FindAsync(teamspace, knowledge.Id))!;
        Assert.Equal((KnowledgeStatus.Ready, 2, 0, 3), (ready.Status, ready.FilesCompleted, ready.FilesFailed, ready.ChunkCount));
        Assert.Null(ready.LastError);
        Assert.DoesNotContain(knowledge.Id, await Store.ListUnfinishedAsync());
    }

    [Fact]
    public async Task Failures_make_it_failed_or_partial_with_every_reason_in_last_error()
    {
        var teamspace = await NewTeamspaceAsync();
        var knowledge = await CreateAsync(teamspace, "k", "a.pdf", "b.txt", "c.txt");
        var files = await Store.ListPendingFilesAsync(knowledge.Id);

        Assert.True(await Store.FailFileAsync(files[0], "The PDF could not be read."));
        Assert.Equal(KnowledgeStatus.Pending, (await Store.FindAsync(teamspace, knowledge.Id))!.Status);
        Assert.True(await Store.FailFileAsync(files[1], "The file holds no text."));
        Assert.True(await Store.CompleteFileAsync(files[2], [new KnowledgeChunk(0, "Fine.")]));

        var partial = (await Store.FindAsync(teamspace, knowledge.Id))!;
        Assert.Equal((KnowledgeStatus.Partial, 1, 2), (partial.Status, partial.FilesCompleted, partial.FilesFailed));
        Assert.Equal("a.pdf: The PDF could not be read.; b.txt: The file holds no text.", partial.LastError);

        var failed = await CreateAsync(teamspace, "f", "x.pdf");
        Assert.True(await Store.FailFileAsync((await Store.ListPendingFilesAsync(failed.Id))[0], "Broken."));
        var record = (await Store.FindAsync(teamspace, failed.Id))!;
        Assert.Equal((KnowledgeStatus.Failed, "x.pdf: Broken."), (record.Status, record.LastError));
    }

    [Fact]
    public async Task Deleting_removes_every_passage_from_the_index()
    {
        var teamspace = await NewTeamspaceAsync();
        var knowledge = await CreateAsync(teamspace, "k", "a.txt");
        Assert.True(await Store.CompleteFileAsync((await Store.ListPendingFilesAsync(knowledge.Id))[0], [new KnowledgeChunk(0, "Zanzibarian quokkas juggle.")]));
        Assert.Single(await Store.SearchAsync(teamspace, null, "quokkas", 5));

        Assert.True(await Store.DeleteAsync(teamspace, knowledge.Id));

        Assert.Empty(await Store.SearchAsync(teamspace, null, "quokkas", 5));
        Assert.Equal([0L], await QueryAsync<long>("SELECT COUNT(*) FROM knowledge_chunks WHERE knowledge_id = @Id;", new { knowledge.Id }));
    }

    [Fact]
    public async Task Search_ranks_by_matching_words_stems_them_and_reports_the_source()
    {
        var teamspace = await NewTeamspaceAsync();
        var knowledge = await IndexedAsync(
            teamspace,
            "Manual",
            ("manual.pdf", [new KnowledgeChunk(0, "Warranty: the espresso machine is covered for two years.", 1), new KnowledgeChunk(1, "Descaling: run the descaling program every three months.", 2)]),
            ("notes.txt", [new KnowledgeChunk(0, "The cat sat on the mat."), new KnowledgeChunk(1, "The cat chased the red laser pointer.")]));

        var descale = await Store.SearchAsync(teamspace, [knowledge.Id], "How often do I run the descale programs?", 5);
        Assert.Equal(("manual.pdf", 2, 1), (descale[0].SourceName, descale[0].PageNumber, descale[0].Ordinal));
        Assert.Equal("Manual", descale[0].KnowledgeName);
        Assert.Equal(knowledge.Id, descale[0].KnowledgeId);
        Assert.StartsWith("Descaling:", descale[0].Text, StringComparison.Ordinal);

        var laser = await Store.SearchAsync(teamspace, [knowledge.Id], "red laser cat", 5);
        Assert.Equal(["The cat chased the red laser pointer.", "The cat sat on the mat."], laser.Select(p => p.Text));
        Assert.True(laser[0].Score > laser[1].Score);
        Assert.Null(laser[0].PageNumber);
    }

    [Theory]
    [InlineData("\"warranty")]
    [InlineData("warranty\" OR \"")]
    [InlineData("warranty & | ! ( ) : * <-> AND NOT NEAR(a b) -- ';")]
    [InlineData("WARRANTY???")]
    [InlineData("warranty \u0301 \u01C0 東京 ٣ naïve")]
    public async Task Search_never_fails_on_what_a_user_typed(string query)
    {
        var teamspace = await NewTeamspaceAsync();
        var knowledge = await IndexedAsync(teamspace, "k", ("a.txt", [new KnowledgeChunk(0, "The warranty lasts two years.")]));
        Assert.Single(await Store.SearchAsync(teamspace, [knowledge.Id], query, 5));
        Assert.Empty(await Store.SearchAsync(teamspace, [knowledge.Id], "'\"!?", 5));
    }

    [Fact]
    public async Task Search_sees_only_the_knowledge_asked_for_within_the_teamspace()
    {
        var teamspace = await NewTeamspaceAsync();
        var other = await NewTeamspaceAsync();
        var mine = await IndexedAsync(teamspace, "mine", ("a.txt", [new KnowledgeChunk(0, "Lanterns are lit at dusk.")]));
        var second = await IndexedAsync(teamspace, "second", ("b.txt", [new KnowledgeChunk(0, "Boats leave at dawn.")]));
        var theirs = await IndexedAsync(other, "theirs", ("c.txt", [new KnowledgeChunk(0, "Lanterns of another teamspace.")]));

        Assert.Equal(["a.txt"], (await Store.SearchAsync(teamspace, null, "lanterns", 10)).Select(p => p.SourceName));
        Assert.Equal(["a.txt"], (await Store.SearchAsync(teamspace, [mine.Id, theirs.Id], "lanterns", 10)).Select(p => p.SourceName));
        Assert.Empty(await Store.SearchAsync(teamspace, [second.Id], "lanterns", 10));
        Assert.Empty(await Store.SearchAsync(teamspace, [], "lanterns", 10));
        Assert.Empty(await Store.SearchAsync(other, [mine.Id], "lanterns", 10));
        Assert.Equal(["c.txt"], (await Store.SearchAsync(other, null, "lanterns", 10)).Select(p => p.SourceName));
    }

    [Fact]
    public async Task Each_start_of_a_pending_file_is_counted_and_a_file_no_longer_pending_cannot_be_started()
    {
        var teamspace = await NewTeamspaceAsync();
        var knowledge = await CreateAsync(teamspace, "k", "a.txt", "b.txt");
        var files = await Store.ListPendingFilesAsync(knowledge.Id);

        Assert.Equal(1, await Store.StartFileAsync(files[0]));
        Assert.Equal(2, await Store.StartFileAsync(files[0]));
        await Store.GiveAttemptBackAsync(files[0]);
        Assert.Equal([1, 0], (await Store.ListFilesAsync(teamspace, knowledge.Id)).Select(f => f.Attempts));

        Assert.True(await Store.CompleteFileAsync(files[0], [new KnowledgeChunk(0, "Done.")]));
        Assert.Null(await Store.StartFileAsync(files[0]));
        Assert.True(await Store.DeleteAsync(teamspace, knowledge.Id));
        Assert.Null(await Store.StartFileAsync(files[1]));
    }

    [Fact]
    public async Task A_huge_token_and_many_tiny_passages_are_indexed_and_a_huge_query_word_fails_nothing()
    {
        var teamspace = await NewTeamspaceAsync();
        var knowledge = await CreateAsync(teamspace, "k", "tiny.txt");
        var token = new string('q', 1_200); // the longest a passage can be, without a space
        var chunks = Enumerable.Range(1, 5_000).Select(i => new KnowledgeChunk(i, $"w{i}.")).Prepend(new KnowledgeChunk(0, token)).ToList();

        Assert.True(await Store.CompleteFileAsync((await Store.ListPendingFilesAsync(knowledge.Id))[0], chunks));

        Assert.Equal(5_001, (await Store.FindAsync(teamspace, knowledge.Id))!.ChunkCount);
        Assert.Equal(["w4321."], (await Store.SearchAsync(teamspace, null, "w4321", 5)).Select(p => p.Text));
        Assert.Equal([0], (await Store.SearchAsync(teamspace, null, token, 5)).Select(p => p.Ordinal));
        Assert.Empty(await Store.SearchAsync(teamspace, null, new string('z', 5_000), 5));
    }

    [Fact]
    public async Task Indexing_cancelled_midway_records_nothing_and_leaves_the_file_pending()
    {
        var teamspace = await NewTeamspaceAsync();
        var knowledge = await CreateAsync(teamspace, "k", "a.txt");
        var file = (await Store.ListPendingFilesAsync(knowledge.Id))[0];
        using var cancelled = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.CompleteFileAsync(file, new CancellingChunks(1_000, 500, cancelled), cancelled.Token));

        Assert.Equal(KnowledgeFileStatus.Pending, (await Store.ListFilesAsync(teamspace, knowledge.Id)).Single().Status);
        Assert.Equal([0L], await QueryAsync<long>("SELECT COUNT(*) FROM knowledge_chunks WHERE knowledge_id = @Id;", new { knowledge.Id }));
    }

    private async Task<KnowledgeRecord> CreateAsync(string teamspace, string name, params string[] fileNames)
    {
        var knowledge = await Store.CreateAsync(teamspace, Ids.New(), name, [.. fileNames.Select(f => new NewKnowledgeFile(Ids.New(), f, "text/plain", 10))]);
        Time.Advance(TimeSpan.FromSeconds(1));
        return knowledge;
    }

    private async Task<KnowledgeRecord> IndexedAsync(string teamspace, string name, params (string File, KnowledgeChunk[] Chunks)[] files)
    {
        var knowledge = await CreateAsync(teamspace, name, [.. files.Select(f => f.File)]);
        var pending = await Store.ListPendingFilesAsync(knowledge.Id);
        for (var i = 0; i < files.Length; i++)
        {
            Assert.True(await Store.CompleteFileAsync(pending[i], files[i].Chunks));
        }

        return knowledge;
    }

    private Func<PageRequest, Task<IEnumerable<string>>> IdsOf(string teamspace)
        => async page => (await Store.ListAsync(teamspace, page)).Select(k => k.Id);

    /// <summary>Passages that cancel <paramref name="cancellation"/> as the one at <paramref name="cancelAt"/> is read, as a deletion would midway.</summary>
    private sealed class CancellingChunks(int count, int cancelAt, CancellationTokenSource cancellation) : IReadOnlyList<KnowledgeChunk>
    {
        public int Count => count;

        public KnowledgeChunk this[int index]
        {
            get
            {
                if (index == cancelAt)
                {
                    cancellation.Cancel();
                }

                return new KnowledgeChunk(index, $"Passage {index}.");
            }
        }

        public IEnumerator<KnowledgeChunk> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

using Dapper;
using Parley.Knowledge.Tests.Infrastructure;
using Parley.Storage.Knowledge;
using static Parley.Knowledge.Tests.Infrastructure.KnowledgeTestbed;

using Parley.Testing.Documents;

namespace Parley.Knowledge.Tests.Ingestion;

/// <summary>Uploads through ingestion to the stored files, passages and statuses, on SQLite.</summary>
public sealed class IngestionTests(KnowledgeTestbed bed) : IClassFixture<KnowledgeTestbed>
{
    [Fact]
    public async Task Text_markdown_and_PDF_files_are_saved_at_once_then_ingested_to_ready()
    {
        var teamspace = await bed.NewTeamspaceAsync();
        var created = await bed.Service.CreateAsync(teamspace, "Shop", [.. SampleFiles.All()]);

        Assert.Equal(KnowledgeStatus.Pending, created.Status);
        Assert.Equal(3, created.FilesTotal);
        Assert.Equal(3, Directory.GetFiles(bed.FolderOf(created.Id)).Length);
        Assert.Contains(created.Id, await bed.Store.ListUnfinishedAsync());

        await bed.Ingestor.IngestAsync(created.Id);

        var ready = (await bed.Store.FindAsync(teamspace, created.Id))!;
        Assert.Equal(KnowledgeStatus.Ready, ready.Status);
        Assert.Equal((3, 3, 0), (ready.FilesTotal, ready.FilesCompleted, ready.FilesFailed));
        Assert.Equal(4, ready.ChunkCount); // one each for the text and markdown files, one per PDF page
        Assert.Null(ready.LastError);
        Assert.DoesNotContain(created.Id, await bed.Store.ListUnfinishedAsync());

        var files = await bed.Store.ListFilesAsync(teamspace, created.Id);
        Assert.Equal(["returns.txt", "hours.md", "manual.pdf"], files.Select(f => f.Name));
        Assert.Equal(["text/plain", "text/markdown", "application/pdf"], files.Select(f => f.MediaType));
        Assert.All(files, f => Assert.Equal(KnowledgeFileStatus.Ready, f.Status));
        Assert.Equal(SampleFiles.Pdf().Length, files[2].SizeBytes);
        Assert.Empty(await bed.Store.ListFilesAsync(await bed.NewTeamspaceAsync(), created.Id));
    }

    [Fact]
    public async Task Some_files_failing_make_it_partial_and_all_failing_make_it_failed_with_the_reasons()
    {
        var teamspace = await bed.NewTeamspaceAsync();
        var partial = await bed.CreateReadyAsync(teamspace, "mixed", SampleFiles.Returns(), Upload("broken.pdf", "not a pdf"));
        Assert.Equal(KnowledgeStatus.Partial, partial.Status);
        Assert.Equal((2, 1, 1), (partial.FilesTotal, partial.FilesCompleted, partial.FilesFailed));
        Assert.StartsWith("broken.pdf: The PDF could not be read", partial.LastError, StringComparison.Ordinal);

        var failed = await bed.CreateReadyAsync(
            teamspace, "bad", Upload("broken.pdf", "not a pdf"), Upload("scan.pdf", TestPdf.Create(Array.Empty<string>())), Upload("empty.txt", "  \n "));
        Assert.Equal(KnowledgeStatus.Failed, failed.Status);
        Assert.Equal((3, 0, 3), (failed.FilesTotal, failed.FilesCompleted, failed.FilesFailed));
        Assert.Contains("scan.pdf: The PDF has no text layer", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("empty.txt: The file holds no text.", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(0, failed.ChunkCount);
    }

    [Fact]
    public async Task A_file_missing_from_the_data_folder_fails_instead_of_stopping_ingestion()
    {
        var teamspace = await bed.NewTeamspaceAsync();
        var created = await bed.Service.CreateAsync(teamspace, "lost", [SampleFiles.Returns(), SampleFiles.Hours()]);
        File.Delete(Directory.GetFiles(bed.FolderOf(created.Id), "*.txt").Single());

        await bed.Ingestor.IngestAsync(created.Id);

        var knowledge = (await bed.Store.FindAsync(teamspace, created.Id))!;
        Assert.Equal(KnowledgeStatus.Partial, knowledge.Status);
        Assert.Equal("returns.txt: The uploaded file is missing from the data folder.", knowledge.LastError);
    }

    [Fact]
    public async Task Ingesting_again_after_a_crash_neither_duplicates_passages_nor_touches_finished_files()
    {
        var teamspace = await bed.NewTeamspaceAsync();
        var knowledge = await bed.CreateReadyAsync(teamspace, "twice", SampleFiles.Returns());
        var file = (await bed.Store.ListFilesAsync(teamspace, knowledge.Id)).Single();

        // A crash after the passages were stored but before the worker moved on: the same file is completed again.
        await bed.Store.CompleteFileAsync(file, [new KnowledgeChunk(0, "Refunds take five days.")]);
        await bed.Ingestor.IngestAsync(knowledge.Id);

        Assert.Equal(1, (await bed.Store.FindAsync(teamspace, knowledge.Id))!.ChunkCount);
        await using var connection = await bed.Database.OpenAsync();
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM knowledge_chunks WHERE knowledge_id = @Id;", new { knowledge.Id }));
    }

    [Fact]
    public async Task Knowledge_deleted_before_or_during_ingestion_is_left_alone()
    {
        var teamspace = await bed.NewTeamspaceAsync();
        var created = await bed.Service.CreateAsync(teamspace, "gone", [SampleFiles.Returns()]);
        var file = (await bed.Store.ListPendingFilesAsync(created.Id)).Single();
        Assert.True(await bed.Service.DeleteAsync(teamspace, created.Id));

        await bed.Ingestor.IngestAsync(created.Id);
        Assert.False(await bed.Store.CompleteFileAsync(file, [new KnowledgeChunk(0, "late")]));
        Assert.False(await bed.Store.FailFileAsync(file, "late"));
        Assert.Null(await bed.Store.FindAsync(teamspace, created.Id));
        Assert.False(Directory.Exists(bed.FolderOf(created.Id)));
    }

    [Fact]
    public async Task Deleting_removes_the_rows_the_index_entries_and_the_files()
    {
        var teamspace = await bed.NewTeamspaceAsync();
        var knowledge = await bed.CreateReadyAsync(teamspace, "doomed", Upload("doomed.txt", "Zanzibarian quokkas juggle pomegranates."));
        Assert.Single(await bed.Store.SearchAsync(teamspace, null, "quokkas", 5));

        Assert.False(await bed.Service.DeleteAsync(await bed.NewTeamspaceAsync(), knowledge.Id));
        Assert.True(await bed.Service.DeleteAsync(teamspace, knowledge.Id));
        Assert.False(await bed.Service.DeleteAsync(teamspace, knowledge.Id));

        Assert.Empty(await bed.Store.SearchAsync(teamspace, null, "quokkas", 5));
        Assert.False(Directory.Exists(bed.FolderOf(knowledge.Id)));
        await using var connection = await bed.Database.OpenAsync();
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM knowledge_files WHERE knowledge_id = @Id;", new { knowledge.Id }));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM knowledge_chunks_fts WHERE knowledge_chunks_fts MATCH 'quokkas';"));
        // FTS5 compares its index with the content table and raises an error on any difference.
        await connection.ExecuteAsync("INSERT INTO knowledge_chunks_fts (knowledge_chunks_fts) VALUES ('integrity-check');");
    }
}

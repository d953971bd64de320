using Microsoft.Extensions.Logging.Abstractions;
using Parley.Knowledge.Extraction;
using Parley.Knowledge.Ingestion;
using Parley.Knowledge.Tests.Infrastructure;
using Parley.Testing.Documents;
using Parley.Storage.Knowledge;
using static Parley.Knowledge.Tests.Infrastructure.KnowledgeTestbed;

namespace Parley.Knowledge.Tests.Ingestion;

/// <summary>
/// Ingestion under its limits: a file over a limit fails with the reason, a file has a time limit on the injected
/// clock and a number of starts, and deleting a knowledge stops the work on it. A named pipe stands in for a file
/// where a test needs the reading to last: the reader process waits on it until it is killed.
/// </summary>
public sealed class IngestionLimitTests(KnowledgeTestbed bed) : IClassFixture<KnowledgeTestbed>
{
    [Fact]
    public async Task A_PDF_that_decompresses_a_thousandfold_fails_with_the_reason_and_the_rest_is_ingested()
    {
        var teamspace = await bed.NewTeamspaceAsync();

        var knowledge = await bed.CreateReadyAsync(teamspace, "bomb", Upload("bomb.pdf", HostilePdf.Bomb(1024)), SampleFiles.Returns());

        Assert.Equal(KnowledgeStatus.Partial, knowledge.Status);
        Assert.Equal("bomb.pdf: The PDF decompresses to more than 256 MB (the limit is Parley:Knowledge:MaxDecompressedBytes).", knowledge.LastError);
    }

    [Fact]
    public async Task A_file_with_more_text_than_the_limit_fails_with_the_reason()
    {
        var teamspace = await bed.NewTeamspaceAsync();
        var created = await bed.Service.CreateAsync(teamspace, "long", [Upload("long.txt", new string('a', 2_000)), Upload("short.txt", "Short.")]);

        await bed.IngestorWith(bed.Options with { MaxTextChars = 1_000 }).IngestAsync(created.Id);

        var knowledge = (await bed.Store.FindAsync(teamspace, created.Id))!;
        Assert.Equal(KnowledgeStatus.Partial, knowledge.Status);
        Assert.Equal("long.txt: The file holds more than 1,000 characters of text (the limit is Parley:Knowledge:MaxTextChars).", knowledge.LastError);
    }

    [Fact]
    public async Task A_file_still_being_read_when_its_time_is_up_fails_with_the_reason_and_its_reader_is_killed()
    {
        var teamspace = await bed.NewTeamspaceAsync();
        var created = await bed.Service.CreateAsync(teamspace, "slow", [SampleFiles.Manual()]);
        var blocked = BlockPdf(created.Id, (await bed.Store.ListPendingFilesAsync(created.Id)).Single());

        var ingesting = bed.Ingestor.IngestAsync(created.Id);
        await BlockedFile.WaitUntilAsync(() => BlockedFile.ReadersOf(blocked).Count > 0, "the PDF reader to start");
        bed.Time.Advance(bed.Options.MaxIngestionTime - TimeSpan.FromSeconds(1));
        Assert.False(ingesting.IsCompleted);
        bed.Time.Advance(TimeSpan.FromSeconds(1));
        await ingesting;

        var knowledge = (await bed.Store.FindAsync(teamspace, created.Id))!;
        Assert.Equal(KnowledgeStatus.Failed, knowledge.Status);
        Assert.Equal("manual.pdf: Ingesting this file took longer than 5 minutes (the limit is Parley:Knowledge:MaxIngestionTime).", knowledge.LastError);
        Assert.Empty(BlockedFile.ReadersOf(blocked));
    }

    [Fact]
    public async Task Deleting_a_knowledge_kills_the_work_in_hand_frees_the_worker_and_leaves_nothing_to_resume()
    {
        var teamspace = await bed.NewTeamspaceAsync();
        var created = await bed.Service.CreateAsync(teamspace, "doomed", [SampleFiles.Manual(), SampleFiles.Returns()]);
        var blocked = BlockPdf(created.Id, (await bed.Store.ListPendingFilesAsync(created.Id))[0]);
        using var worker = new KnowledgeIngestionWorker(
            bed.Queue, bed.Ingestor, bed.Store, bed.Options with { MaxConcurrentIngestions = 1 }, NullLogger<KnowledgeIngestionWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        await BlockedFile.WaitUntilAsync(() => BlockedFile.ReadersOf(blocked).Count > 0, "the PDF reader to start");
        Assert.True(bed.Queue.IsRunning(created.Id));

        Assert.True(await bed.Service.DeleteAsync(teamspace, created.Id));

        await BlockedFile.WaitUntilAsync(() => !bed.Queue.IsRunning(created.Id), "the run to stop");
        Assert.Empty(BlockedFile.ReadersOf(blocked));
        Assert.DoesNotContain(created.Id, await bed.Store.ListUnfinishedAsync()); // what a restart would resume
        Assert.False(Directory.Exists(bed.FolderOf(created.Id)));
        // The only worker is free again: the next knowledge is ingested.
        var next = await bed.Service.CreateAsync(teamspace, "next", [SampleFiles.Returns()]);
        await BlockedFile.WaitUntilAsync(() => bed.Store.FindAsync(teamspace, next.Id).Result!.Status == KnowledgeStatus.Ready, "the next knowledge to be ready");
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_file_in_hand_at_every_crash_is_given_up_and_a_stop_does_not_count()
    {
        var teamspace = await bed.NewTeamspaceAsync();
        var created = await bed.Service.CreateAsync(teamspace, "poison", [SampleFiles.Manual()]);
        var file = (await bed.Store.ListPendingFilesAsync(created.Id)).Single();

        // A stop while the file is read gives its start back.
        var blocked = BlockPdf(created.Id, file);
        using (var stopping = new CancellationTokenSource())
        {
            var ingesting = bed.Ingestor.IngestAsync(created.Id, stopping.Token);
            await BlockedFile.WaitUntilAsync(() => BlockedFile.ReadersOf(blocked).Count > 0, "the PDF reader to start");
            stopping.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ingesting);
        }

        Assert.Equal((KnowledgeFileStatus.Pending, 0), await StateOfAsync(teamspace, file));

        // Three starts that never ended (the server died each time) leave no fourth.
        for (var i = 0; i < bed.Options.MaxIngestionAttempts; i++)
        {
            Assert.Equal(i + 1, await bed.Store.StartFileAsync(file));
        }

        await bed.Ingestor.IngestAsync(created.Id);

        var knowledge = (await bed.Store.FindAsync(teamspace, created.Id))!;
        Assert.Equal(KnowledgeStatus.Failed, knowledge.Status);
        Assert.Equal("manual.pdf: Reading this file was interrupted 3 times (a crash each time), so it is not tried again.", knowledge.LastError);
        Assert.Empty(BlockedFile.ReadersOf(blocked));
    }

    private string BlockPdf(string knowledgeId, KnowledgeFileRecord file)
    {
        var path = bed.Files.PathOf(knowledgeId, file.Id, KnowledgeFileType.Pdf);
        BlockedFile.Create(path);
        return path;
    }

    private async Task<(string Status, int Attempts)> StateOfAsync(string teamspace, KnowledgeFileRecord file)
    {
        var record = (await bed.Store.ListFilesAsync(teamspace, file.KnowledgeId)).Single(f => f.Id == file.Id);
        return (record.Status, record.Attempts);
    }
}

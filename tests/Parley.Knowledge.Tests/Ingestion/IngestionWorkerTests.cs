using Microsoft.Extensions.Logging.Abstractions;
using Parley.Knowledge.Ingestion;
using Parley.Knowledge.Tests.Infrastructure;
using Parley.Storage.Knowledge;

namespace Parley.Knowledge.Tests.Ingestion;

/// <summary>The background worker: queued knowledge becomes ready, and knowledge left pending is picked up on start-up.</summary>
public sealed class IngestionWorkerTests(KnowledgeTestbed bed) : IClassFixture<KnowledgeTestbed>
{
    [Fact]
    public async Task Queued_knowledge_becomes_ready_in_the_background()
    {
        using var worker = Worker(bed.Queue);
        await worker.StartAsync(CancellationToken.None);
        var teamspace = await bed.NewTeamspaceAsync();

        var created = await bed.Service.CreateAsync(teamspace, "Shop", [.. SampleFiles.All()]);

        var ready = await WaitForAsync(teamspace, created.Id, KnowledgeStatus.Ready);
        Assert.Equal(3, ready.FilesCompleted);
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Knowledge_left_pending_by_a_crash_is_ingested_when_the_worker_starts()
    {
        var teamspace = await bed.NewTeamspaceAsync();
        // Created while no worker ran: its queue entry dies with the "crashed" process, the files stay pending.
        var created = await bed.Service.CreateAsync(teamspace, "Shop", [SampleFiles.Returns(), SampleFiles.Manual()]);

        using var worker = Worker(new KnowledgeIngestionQueue());
        await worker.StartAsync(CancellationToken.None);

        var ready = await WaitForAsync(teamspace, created.Id, KnowledgeStatus.Ready);
        Assert.Equal(3, ready.ChunkCount);
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_same_knowledge_queued_many_times_is_ingested_once_at_a_time()
    {
        var queue = new KnowledgeIngestionQueue();
        var teamspace = await bed.NewTeamspaceAsync();
        var created = await bed.Service.CreateAsync(teamspace, "Many", [.. Enumerable.Range(1, 20).Select(i => KnowledgeTestbed.Upload($"f{i}.txt", $"File {i} talks about lanterns."))]);
        for (var i = 0; i < 10; i++)
        {
            queue.Enqueue(created.Id);
        }

        using var worker = Worker(queue, concurrency: 4);
        await worker.StartAsync(CancellationToken.None);

        var ready = await WaitForAsync(teamspace, created.Id, KnowledgeStatus.Ready);
        Assert.Equal((20, 20, 20), (ready.FilesTotal, ready.FilesCompleted, ready.ChunkCount));
        Assert.Equal(20, (await bed.Store.SearchAsync(teamspace, [created.Id], "lanterns", 100)).Count);
        await worker.StopAsync(CancellationToken.None);
    }

    private KnowledgeIngestionWorker Worker(KnowledgeIngestionQueue queue, int concurrency = 2) => new(
        queue,
        bed.Ingestor,
        bed.Store,
        bed.Options with { MaxConcurrentIngestions = concurrency },
        NullLogger<KnowledgeIngestionWorker>.Instance);

    private async Task<KnowledgeRecord> WaitForAsync(string teamspace, string id, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var knowledge = (await bed.Store.FindAsync(teamspace, id))!;
            if (knowledge.Status == status || DateTime.UtcNow > deadline)
            {
                Assert.Equal(status, knowledge.Status);
                return knowledge;
            }

            await Task.Delay(20);
        }
    }
}

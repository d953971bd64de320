using Parley.Knowledge.Ingestion;

namespace Parley.Knowledge.Tests.Ingestion;

/// <summary>The queue: each knowledge waits once and runs once at a time, and a cancelled one is forgotten or stopped.</summary>
public sealed class IngestionQueueTests
{
    [Fact]
    public async Task A_cancelled_knowledge_is_forgotten_while_it_waits()
    {
        var queue = new KnowledgeIngestionQueue();
        queue.Enqueue("a");
        queue.Enqueue("b");
        queue.Enqueue("a");
        Assert.Equal(2, queue.WaitingCount);

        queue.Cancel("a");

        using var lease = await queue.TakeAsync(CancellationToken.None);
        Assert.Equal("b", lease.KnowledgeId);
        Assert.Equal(0, queue.WaitingCount);
    }

    [Fact]
    public async Task A_running_knowledge_is_cancelled_and_queued_again_only_if_not_cancelled()
    {
        var queue = new KnowledgeIngestionQueue();
        queue.Enqueue("a");
        var lease = await queue.TakeAsync(CancellationToken.None);

        queue.Enqueue("a"); // new files while it runs: it runs once more after
        Assert.Equal(0, queue.WaitingCount);
        lease.Dispose();
        Assert.Equal(1, queue.WaitingCount);

        lease = await queue.TakeAsync(CancellationToken.None);
        queue.Enqueue("a");
        queue.Cancel("a"); // deleted: stopped, and not run again
        Assert.True(lease.Cancelled.IsCancellationRequested);
        lease.Dispose();
        Assert.Equal(0, queue.WaitingCount);
        Assert.False(queue.IsRunning("a"));
    }
}

using System.Threading.Channels;

namespace Parley.Knowledge.Ingestion;

/// <summary>Knowledge ids waiting for ingestion: the API writes, the background worker reads.</summary>
/// <remarks>Unbounded because an id is tiny and the files behind it are already safe on disk; a lost entry would be found again at the next start.</remarks>
public sealed class KnowledgeIngestionQueue
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });

    /// <summary>Queues a knowledge whose files wait for ingestion.</summary>
    public void Enqueue(string knowledgeId) => _channel.Writer.TryWrite(knowledgeId);

    /// <summary>The queued ids, as they come.</summary>
    internal IAsyncEnumerable<string> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}

using System.Collections.Concurrent;
using Parley.Protocol.Payloads;

namespace Parley.Tools.Tests.Knowledge;

/// <summary>Keeps what tools report, as the session would send it.</summary>
internal sealed class RecordingToolEvents : IToolEvents
{
    private int _endCallRequests;

    /// <summary>Each <see cref="OnCitations"/> call's citations, in order.</summary>
    public ConcurrentQueue<IReadOnlyList<Citation>> Citations { get; } = new();

    public int EndCallRequests => _endCallRequests;

    public void OnCitations(IReadOnlyList<Citation> citations) => Citations.Enqueue(citations);

    public void OnEndCallRequested() => Interlocked.Increment(ref _endCallRequests);
}

using System.Collections.Concurrent;

namespace Parley.Testing.Providers;

/// <summary>What the Deepgram loopback server saw on one connection.</summary>
public sealed class DeepgramConnectionRecord(IReadOnlyDictionary<string, string> query)
{
    /// <summary>The query parameters of the <c>/v1/listen</c> URL.</summary>
    public IReadOnlyDictionary<string, string> Query { get; } = query;

    /// <summary>The control messages received (<c>KeepAlive</c>, <c>Finalize</c>, <c>CloseStream</c>), by type, in order.</summary>
    public ConcurrentQueue<string> Controls { get; } = new();

    /// <summary>Bytes of audio received.</summary>
    public long AudioBytes => Interlocked.Read(ref _audioBytes);

    /// <summary>Whether the connection has ended.</summary>
    public bool Ended { get; internal set; }

    /// <summary>How it ended, as the server saw it (<c>CloseStream</c>, <c>client closed</c>, <c>NET-0001</c>, <c>dropped</c>, …).</summary>
    public string? EndedBy { get; internal set; }

    internal long _audioBytes;
}

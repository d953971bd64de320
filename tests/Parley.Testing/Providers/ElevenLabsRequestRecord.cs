using System.Collections.Concurrent;

namespace Parley.Testing.Providers;

/// <summary>What the ElevenLabs loopback server saw on one connection.</summary>
public sealed class ElevenLabsRequestRecord(string voiceId, IReadOnlyDictionary<string, string> query)
{
    /// <summary>The voice id in the path.</summary>
    public string VoiceId { get; } = voiceId;

    /// <summary>The query parameters.</summary>
    public IReadOnlyDictionary<string, string> Query { get; } = query;

    /// <summary>The text messages received, verbatim, in order.</summary>
    public ConcurrentQueue<string> Messages { get; } = new();

    /// <summary>The words spoken and when, exactly (from the start of the request's audio).</summary>
    public IReadOnlyList<SpokenWordTiming> Words { get; internal set; } = [];

    /// <summary>The audio sent, at the requested rate.</summary>
    public short[] Audio { get; internal set; } = [];
}

namespace Parley.Telephony.Media;

/// <summary>One event of a carrier's media stream, in the carrier's terms translated to ours.</summary>
public abstract record CarrierEvent
{
    /// <summary>The socket is open (<c>connected</c>); <paramref name="AuthToken"/> when the carrier sends one in it.</summary>
    public sealed record Connected(string? AuthToken = null) : CarrierEvent;

    /// <summary>The stream starts (<c>start</c>): which call, the parameters the call was set up with, the audio format.</summary>
    public sealed record Started(
        string StreamId, string CallId, IReadOnlyDictionary<string, string> Parameters, string Encoding, int SampleRate, int Channels) : CarrierEvent;

    /// <summary>Caller audio (<c>media</c>, inbound track): encoded bytes, and the carrier's chunk number when it gives one.</summary>
    public sealed record Media(byte[] Payload, long? Chunk) : CarrierEvent;

    /// <summary>A mark the server sent has been played, or dropped by a <c>clear</c> (<c>mark</c>).</summary>
    public sealed record Mark(string Name) : CarrierEvent;

    /// <summary>The caller pressed a key (<c>dtmf</c>).</summary>
    public sealed record Dtmf(string Digit) : CarrierEvent;

    /// <summary>The stream is over: the call ended or the stream was stopped (<c>stop</c>).</summary>
    public sealed record Stopped : CarrierEvent;

    /// <summary>Something the bridge does not act on: another track's audio, an event it does not know, a carrier error report.</summary>
    public sealed record Other(string Event, string? Detail = null) : CarrierEvent;

    /// <summary>A frame that is not what the carrier's format says.</summary>
    public sealed record Invalid(string Reason) : CarrierEvent;
}

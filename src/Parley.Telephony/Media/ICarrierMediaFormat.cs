namespace Parley.Telephony.Media;

/// <summary>A carrier's media-stream WebSocket format: its events read, the bridge's messages written. One per carrier, stateless.</summary>
/// <remarks>The seam for another carrier: its format here, its webhook and REST API beside it; the bridge (<see cref="PhoneCallConnection"/>) is shared.</remarks>
public interface ICarrierMediaFormat
{
    /// <summary>The carrier's name as Parley spells it (<c>twilio</c>, <c>telnyx</c>).</summary>
    string Name { get; }

    /// <summary>Reads one frame; never throws (a frame that is not the carrier's is <see cref="CarrierEvent.Invalid"/>).</summary>
    CarrierEvent Read(ReadOnlySpan<byte> utf8);

    /// <summary>Audio for the caller: µ-law 8 kHz bytes.</summary>
    byte[] Media(string streamId, ReadOnlySpan<byte> mulaw);

    /// <summary>A mark, sent back named once the audio before it has played.</summary>
    byte[] Mark(string streamId, string name);

    /// <summary>Drops whatever audio the carrier holds for the caller, at once.</summary>
    byte[] Clear(string streamId);
}

namespace Parley.Testing.Telephony;

/// <summary>One 20 ms frame of agent audio on the emulated line (ms from the stream's start).</summary>
/// <param name="ArrivedMs">When the frame reached the carrier.</param>
/// <param name="AheadMs">How much audio the carrier already held, unplayed, when it arrived: the lead the server kept.</param>
/// <param name="PlayStartMs">When the earpiece began playing it (the moment of a clear for a frame the clear dropped).</param>
/// <param name="PlayEndMs">When the earpiece finished it, or the clear that cut it.</param>
public readonly record struct LineAudio(double ArrivedMs, double AheadMs, double PlayStartMs, double PlayEndMs);

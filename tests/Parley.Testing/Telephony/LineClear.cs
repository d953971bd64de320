namespace Parley.Testing.Telephony;

/// <summary>A <c>clear</c> the emulated line honoured (ms from the stream's start), and how much queued agent audio it dropped.</summary>
public readonly record struct LineClear(double AtMs, double DroppedMs);

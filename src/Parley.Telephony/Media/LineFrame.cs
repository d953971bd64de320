namespace Parley.Telephony.Media;

/// <summary>20 ms of µ-law for the caller, and the output position its audio reaches.</summary>
internal sealed record LineFrame(byte[] Payload, long End);

namespace Parley.Testing.Telephony;

/// <summary>Something that happened on the emulated line, with when (ms from the stream's start).</summary>
public sealed record LineEvent(double AtMs, string Kind, string Detail = "")
{
    public override string ToString() => $"{AtMs,8:F0} ms  {Kind}{(Detail.Length > 0 ? $"  {Detail}" : string.Empty)}";
}

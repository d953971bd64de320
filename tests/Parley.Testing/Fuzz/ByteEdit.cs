namespace Parley.Testing.Fuzz;

/// <summary>One change to a byte string, as a mutation fuzzer makes it; positions are taken modulo the length.</summary>
/// <param name="Kind">What the edit does.</param>
/// <param name="Position">Where (modulo the current length).</param>
/// <param name="Length">How many bytes it covers, or how many times it repeats.</param>
/// <param name="Bytes">What it inserts or writes.</param>
public sealed record ByteEdit(ByteEditKind Kind, uint Position, uint Length, byte[] Bytes)
{
    public override string ToString() => $"{Kind}@{Position}x{Length}[{Convert.ToHexString(Bytes.AsSpan(0, Math.Min(Bytes.Length, 32)))}]";
}

/// <summary>The kinds of <see cref="ByteEdit"/>.</summary>
public enum ByteEditKind
{
    /// <summary>Flips one bit.</summary>
    FlipBit,

    /// <summary>Overwrites bytes with <see cref="ByteEdit.Bytes"/>.</summary>
    Overwrite,

    /// <summary>Inserts <see cref="ByteEdit.Bytes"/>.</summary>
    Insert,

    /// <summary>Removes a run of bytes.</summary>
    Delete,

    /// <summary>Repeats a run of bytes a few times in place (grows nesting and lengths).</summary>
    Repeat,

    /// <summary>Cuts the input short.</summary>
    Truncate,
}

using CsCheck;

namespace Parley.Testing.Fuzz;

/// <summary>Mutated copies of valid inputs: a few <see cref="ByteEdit"/>s each, with bytes drawn from a target's own tokens.</summary>
/// <remarks>
/// The edits are generated values, so CsCheck shrinks a failing input to fewer and smaller edits of the same seed.
/// Inputs grow by at most <see cref="MaxGrowth"/> bytes, so a run's memory stays bounded whatever it draws.
/// </remarks>
public sealed class ByteMutator
{
    /// <summary>The most bytes the edits of one input may add.</summary>
    public const int MaxGrowth = 64 * 1024;

    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x0A, 0x22, 0x5C, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xED, 0xEF, 0xF0, 0xF4, 0xF8, 0xFE, 0xFF];

    private readonly Gen<byte[]> _bytes;

    /// <param name="tokens">Byte strings that mean something to the target (JSON punctuation, PDF keywords, Markdown marks).</param>
    public ByteMutator(IReadOnlyList<byte[]> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _bytes = Gen.Frequency(
            (3, Gen.OneOf([.. tokens])),
            (2, Gen.Byte.Array[1, 8]),
            (2, Gen.OneOf(InterestingBytes).Array[1, 4]));
        Edit = Gen.Select(Gen.Enum<ByteEditKind>(), Gen.UInt, Gen.UInt[1, 64], _bytes, (kind, position, length, bytes) => new ByteEdit(kind, position, length, bytes));
    }

    /// <summary>One edit.</summary>
    public Gen<ByteEdit> Edit { get; }

    /// <summary>A seed with one to <paramref name="maxEdits"/> edits applied.</summary>
    public Gen<Mutant> Of(IReadOnlyList<byte[]> seeds, int maxEdits = 6)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        return Gen.Select(Gen.Int[0, seeds.Count - 1], Edit.Array[1, maxEdits], (seed, edits) => new Mutant(seed, edits, Apply(seeds[seed], edits)));
    }

    /// <summary>Applies the edits in order.</summary>
    public static byte[] Apply(byte[] seed, IReadOnlyList<ByteEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(edits);
        var bytes = new List<byte>(seed);
        var limit = seed.Length + MaxGrowth;
        foreach (var edit in edits)
        {
            var at = bytes.Count == 0 ? 0 : (int)(edit.Position % (uint)bytes.Count);
            var run = (int)Math.Min(edit.Length, (uint)(bytes.Count - at));
            switch (edit.Kind)
            {
                case ByteEditKind.FlipBit when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << (int)(edit.Length % 8));
                    break;
                case ByteEditKind.Overwrite:
                    for (var i = 0; i < edit.Bytes.Length && at + i < bytes.Count; i++)
                    {
                        bytes[at + i] = edit.Bytes[i];
                    }

                    break;
                case ByteEditKind.Insert when bytes.Count + edit.Bytes.Length <= limit:
                    bytes.InsertRange(at, edit.Bytes);
                    break;
                case ByteEditKind.Delete:
                    bytes.RemoveRange(at, run);
                    break;
                case ByteEditKind.Repeat when run > 0:
                    var copy = bytes.GetRange(at, run);
                    for (var times = (int)(edit.Length % 16); times > 0 && bytes.Count + copy.Count <= limit; times--)
                    {
                        bytes.InsertRange(at, copy);
                    }

                    break;
                case ByteEditKind.Truncate:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    break;
            }
        }

        return [.. bytes];
    }
}

/// <summary>A mutated input: which seed, the edits, and the bytes they made.</summary>
public sealed record Mutant(int Seed, IReadOnlyList<ByteEdit> Edits, byte[] Bytes)
{
    public override string ToString() => $"seed {Seed}, edits [{string.Join(", ", Edits)}], {Bytes.Length} bytes";
}

using Parley.Knowledge.Chunking;
using Parley.Knowledge.Extraction;

namespace Parley.Knowledge.Tests.Chunking;

/// <summary>Chunking costs in proportion to the text, whatever its shape: measured in bytes allocated, which no machine's load changes.</summary>
/// <remarks>
/// A 4 MB sentence without an end once took 36 s and allocated 25 GB, because every cut copied the rest of the
/// sentence. Allocation on this thread is counted exactly by the runtime, so the check is deterministic.
/// </remarks>
public sealed class TextChunkerLinearityTests
{
    private const int Megabyte = 1024 * 1024;

    // Each a text of one "sentence" that never ends: words, one endless word, closing brackets (what the sentence
    // rule looks back over), and full stops with no space to end on.
    public static TheoryData<string> Shapes => ["words", "no spaces", "closing brackets", "full stops"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Chunking_4_MB_costs_four_times_1_MB_and_a_few_bytes_per_character(string shape)
    {
        var chunker = new TextChunker();
        Chunk(chunker, Text(shape, 64 * 1024)); // compiled and warmed, so the first measure is of chunking alone

        var (oneMegabyte, _) = Chunk(chunker, Text(shape, Megabyte));
        var text = Text(shape, 4 * Megabyte);
        var (fourMegabytes, chunks) = Chunk(chunker, text);

        Assert.InRange(fourMegabytes, 3.0 * oneMegabyte, 5.0 * oneMegabyte);
        // The text itself takes 2 bytes a character and its passages as much again; quadratic copying took 6,400.
        Assert.True(fourMegabytes < 24L * 4 * Megabyte, $"{fourMegabytes:N0} bytes allocated for 4 MB");
        Assert.All(chunks, c => Assert.InRange(c.Text.Length, 1, chunker.MaxChars));
        Assert.Equal(NonSpaces(text), chunks.Sum(c => NonSpaces(c.Text))); // cut, never lost
    }

    [Fact]
    public void Chunking_stops_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => new TextChunker().Chunk([new ExtractedPage(null, Text("words", Megabyte))], cancelled.Token));
    }

    private static (long Allocated, IReadOnlyList<Storage.Knowledge.KnowledgeChunk> Chunks) Chunk(TextChunker chunker, string text)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var chunks = chunker.Chunk([new ExtractedPage(null, text)]);
        return (GC.GetAllocatedBytesForCurrentThread() - before, chunks);
    }

    private static long NonSpaces(string text) => text.Length - text.AsSpan().Count(' ');

    private static string Text(string shape, int length) => shape switch
    {
        "words" => Repeat("word ", length),
        "no spaces" => new string('x', length),
        "closing brackets" => "a." + new string(')', length - 2),
        "full stops" => new string('.', length),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    private static string Repeat(string unit, int length) => string.Create(length, unit, static (span, unit) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = unit[i % unit.Length];
        }
    });
}

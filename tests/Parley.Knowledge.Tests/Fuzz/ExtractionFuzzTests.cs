using System.Runtime.CompilerServices;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Knowledge.Extraction;
using Parley.Knowledge.Extraction.Isolation;
using Parley.Testing.Fuzz;
using Xunit.Abstractions;

namespace Parley.Knowledge.Tests.Fuzz;

/// <summary>
/// The extractors over random and mutated files (issue 12, "suites that stay"): every input yields pages within the
/// limits or an <see cref="ExtractionException"/> with its reason, nothing else; each input's allocations are bounded
/// by its size (an allocation counter, not a clock); and no input runs past a hang guard far above any real file's
/// time. 28,008 inputs per CI run (<see cref="FuzzBudget"/>): txt, md and pdf in this process, and some PDFs through
/// the reader process the server uses.
/// </summary>
public sealed class ExtractionFuzzTests(ITestOutputHelper output) : IDisposable
{
    // Small limits, so the fuzz meets them often; the defaults are tested by PdfLimitTests.
    private static readonly ExtractionLimits Limits = new(MaxPages: 50, MaxTextChars: 200_000, MaxDecompressedBytes: 4L * 1024 * 1024);

    // Text: the input decoded (up to 4 bytes of UTF-16 per byte), the reader's 64 K-char blocks, the builder's doublings
    // and the result: linear. Markdown adds the line split and the stripped copy. A quadratic rule shows far above it.
    private const long TextBytesPerInputByte = 32;
    private const long FixedBytes = 4L * 1024 * 1024;

    // A PDF may inflate to its decompression budget (plus a scratch block) and PdfPig keeps its objects: a constant
    // multiple of the budget, never more; without the budget a 1 MB file inflated to gigabytes (issue 12, defect 2).
    private const long PdfBytesPerBudgetByte = 8;

    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("parley-extraction-fuzz-").FullName;

    [Fact]
    public void Text_files_random_and_mutated_are_read_within_the_limits_or_refused_with_a_reason()
        => Run(KnowledgeFileType.Text, Inputs(ExtractionSeeds.Text, ExtractionSeeds.TextTokens), FuzzBudget.Inputs(12_000));

    [Fact]
    public void Markdown_files_random_mutated_and_made_of_marks_are_read_within_the_limits_or_refused_with_a_reason()
        => Run(
            KnowledgeFileType.Markdown,
            Gen.Frequency((2, Inputs(ExtractionSeeds.Markdown, ExtractionSeeds.MarkdownTokens)), (1, ExtractionSeeds.MarkdownSoup)),
            FuzzBudget.Inputs(12_000));

    [Fact]
    public void PDF_files_random_and_mutated_are_read_within_the_limits_or_refused_with_a_reason()
        => Run(KnowledgeFileType.Pdf, Inputs(ExtractionSeeds.Pdf, ExtractionSeeds.PdfTokens), FuzzBudget.Inputs(4_000));

    [Fact]
    public async Task Mutated_PDFs_read_by_the_reader_process_give_pages_or_a_reason()
    {
        // A process per file: few inputs, the same property as in this process, through the path the server takes.
        var reader = new PdfReaderProcess(new KnowledgeOptions { MaxPages = Limits.MaxPages, MaxTextChars = Limits.MaxTextChars, MaxDecompressedBytes = Limits.MaxDecompressedBytes }, NullLogger<PdfReaderProcess>.Instance);
        var inputs = FuzzBudget.Inputs(8);
        var (read, refused) = (0, 0);
        await FuzzRun.SampleAsync(
            Inputs(ExtractionSeeds.Pdf, ExtractionSeeds.PdfTokens),
            async bytes =>
            {
                var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.pdf");
                await File.WriteAllBytesAsync(path, bytes);
                using var guard = new CancellationTokenSource(HangGuard);
                try
                {
                    var pages = await reader.ExtractAsync(path, guard.Token);
                    Assert.True(pages.Sum(p => (long)p.Text.Length) <= Limits.MaxTextChars);
                    Interlocked.Increment(ref read);
                }
                catch (ExtractionException ex)
                {
                    Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                    Interlocked.Increment(ref refused);
                }
                finally
                {
                    File.Delete(path);
                }
            },
            inputs,
            nameof(Mutated_PDFs_read_by_the_reader_process_give_pages_or_a_reason),
            shrinkInputs: 20);
        output.WriteLine($"seed {FuzzBudget.Seed}: {inputs} PDFs through the reader process: {read} read, {refused} refused with a reason");
        Assert.Equal(inputs, read + refused);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Random bytes now and then, mostly mutants of the seeds.</summary>
    private static Gen<byte[]> Inputs(IReadOnlyList<byte[]> seeds, IReadOnlyList<byte[]> tokens)
        => Gen.Frequency((1, Gen.Byte.Array[0, 4096]), (4, new ByteMutator(tokens).Of(seeds, maxEdits: 8).Select(m => m.Bytes)));

    private void Run(KnowledgeFileType type, Gen<byte[]> gen, int inputs, [CallerMemberName] string target = "")
    {
        // The Markdown rules build their automata on first use (7.5 MB for a 236-byte file): that is start-up, not the input's.
        foreach (var seed in ExtractionSeeds.Text.Concat(ExtractionSeeds.Markdown))
        {
            TextExtraction.Extract(type == KnowledgeFileType.Pdf ? KnowledgeFileType.Text : type, new MemoryStream(seed), Limits);
        }

        var (read, refused, largestRatio) = (0, 0, 0.0);
        FuzzRun.Sample(
            gen,
            bytes =>
            {
                using var guard = new CancellationTokenSource(HangGuard);
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    var pages = TextExtraction.Extract(type, new MemoryStream(bytes, writable: false), Limits, guard.Token);
                    Assert.True(pages.Sum(p => (long)p.Text.Length) <= Limits.MaxTextChars, "More text than the limit came through.");
                    Interlocked.Increment(ref read);
                }
                catch (ExtractionException ex)
                {
                    Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                    Interlocked.Increment(ref refused);
                }

                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                var bound = type == KnowledgeFileType.Pdf
                    ? (PdfBytesPerBudgetByte * Limits.MaxDecompressedBytes) + FixedBytes
                    : (TextBytesPerInputByte * bytes.Length) + FixedBytes;
                Assert.True(allocated <= bound, $"{allocated:N0} bytes allocated for a {bytes.Length:N0}-byte {type} file (bound {bound:N0}).");
                InterlockedMax(ref largestRatio, (double)allocated / bound);
            },
            inputs,
            target,
            threads: 2);
        output.WriteLine($"seed {FuzzBudget.Seed}: {inputs} {type} inputs: {read} read, {refused} refused with a reason; most allocated: {largestRatio:P0} of the bound");
        Assert.Equal(inputs, read + refused);
    }

    private static void InterlockedMax(ref double target, double value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Volatile.Read(ref target);
        }
    }
}

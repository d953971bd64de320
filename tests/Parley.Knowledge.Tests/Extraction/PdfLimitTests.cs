using Parley.Knowledge.Extraction;
using Parley.Knowledge.Extraction.Pdf;
using Parley.Testing.Documents;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Parley.Knowledge.Tests.Extraction;

/// <summary>A PDF is read under limits on what it decompresses to, its pages and its text, each failing with its reason.</summary>
public sealed class PdfLimitTests
{
    private const long Megabyte = 1024 * 1024;

    [Fact]
    public void A_stream_inflating_past_the_budget_stops_one_block_past_it()
    {
        // 1 GiB of zeros in about a megabyte: PdfPig alone inflated it whole (2.6 GB resident).
        var bomb = HostilePdf.ZerosDeflated(1024);
        var budget = new DecompressionBudget(16 * Megabyte);
        var filter = new BudgetedFilter(new FlateFilter(), budget);

        var error = Assert.Throws<ExtractionException>(() => filter.Decode(bomb, new DictionaryToken(new Dictionary<NameToken, IToken>()), DefaultFilterProvider.Instance, 0));

        Assert.Equal("The PDF decompresses to more than 16 MB (the limit is Parley:Knowledge:MaxDecompressedBytes).", error.Message);
        Assert.True(budget.Exhausted);
        Assert.InRange(budget.Spent, 16 * Megabyte, (16 * Megabyte) + BudgetedFilter.ScratchBytes);
    }

    [Fact]
    public void A_stream_within_the_budget_is_decoded_as_PdfPig_decodes_it_and_charged()
    {
        var deflated = HostilePdf.ZerosDeflated(2);
        var budget = new DecompressionBudget(16 * Megabyte);
        var decoded = new BudgetedFilter(new FlateFilter(), budget).Decode(deflated, new DictionaryToken(new Dictionary<NameToken, IToken>()), DefaultFilterProvider.Instance, 0);

        Assert.Equal(2 * Megabyte, decoded.Length);
        Assert.Equal(2 * Megabyte, budget.Spent);
        Assert.False(budget.Exhausted);
    }

    [Fact]
    public void A_PDF_that_decompresses_a_thousandfold_fails_with_the_limit_and_never_holds_what_it_inflates_to()
    {
        var pdf = HostilePdf.Bomb(1024);
        Assert.True(1024 * Megabyte / pdf.Length >= 1000, $"{pdf.Length} bytes");
        var limits = ExtractionLimits.Default with { MaxDecompressedBytes = 64 * Megabyte };

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ExtractionException>(() => TextExtraction.Extract(KnowledgeFileType.Pdf, new MemoryStream(pdf), limits));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("The PDF decompresses to more than 64 MB (the limit is Parley:Knowledge:MaxDecompressedBytes).", error.Message);
        // Counted, not held: the gigabyte is inflated 64 KB at a time into one scratch block, and dropped at 64 MB.
        Assert.True(allocated < 32 * Megabyte, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void A_PDF_with_more_pages_than_the_limit_fails_before_a_page_is_read()
    {
        var pdf = TestPdf.Create(["one"], ["two"], ["three"], ["four"]);
        var limits = ExtractionLimits.Default with { MaxPages = 3 };

        var error = Assert.Throws<ExtractionException>(() => TextExtraction.Extract(KnowledgeFileType.Pdf, new MemoryStream(pdf), limits));

        Assert.Equal("The PDF has 4 pages, more than 3 (the limit is Parley:Knowledge:MaxPages).", error.Message);
        Assert.Equal(3, TextExtraction.Extract(KnowledgeFileType.Pdf, new MemoryStream(TestPdf.Create(["one"], ["two"], ["three"])), limits).Count);
    }

    [Fact]
    public void A_file_with_more_text_than_the_limit_fails_whatever_its_type()
    {
        var limits = ExtractionLimits.Default with { MaxTextChars = 1_000 };
        var line = new string('w', 600);
        const string Reason = "The file holds more than 1,000 characters of text (the limit is Parley:Knowledge:MaxTextChars).";

        Assert.Equal(Reason, Assert.Throws<ExtractionException>(() => TextExtraction.Extract(KnowledgeFileType.Pdf, new MemoryStream(TestPdf.Create([line], [line])), limits)).Message);
        Assert.Equal(Reason, Assert.Throws<ExtractionException>(() => TextExtraction.Extract(KnowledgeFileType.Text, Utf8(new string('t', 1_001)), limits)).Message);
        Assert.Equal(Reason, Assert.Throws<ExtractionException>(() => TextExtraction.Extract(KnowledgeFileType.Markdown, Utf8(new string('m', 1_001)), limits)).Message);
        Assert.Single(TextExtraction.Extract(KnowledgeFileType.Text, Utf8(new string('t', 1_000)), limits));
    }

    private static MemoryStream Utf8(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));
}

using Microsoft.Extensions.Logging.Abstractions;
using Parley.Knowledge.Extraction;
using Parley.Knowledge.Extraction.Isolation;
using Parley.Testing.Documents;

namespace Parley.Knowledge.Tests.Extraction;

/// <summary>PDFs are read in a child process (the built Parley.Knowledge.Extractor) whose heap is capped.</summary>
public sealed class PdfReaderProcessTests : IDisposable
{
    private const long Megabyte = 1024 * 1024;
    private readonly string _directory = Directory.CreateTempSubdirectory("parley-pdf-reader-").FullName;

    [Fact]
    public async Task A_PDF_is_read_in_the_reader_process_as_in_this_one()
    {
        var pdf = TestPdf.Create(["The lighthouse keeper climbs the stairs."], [], ["The harbour master logs every ship."]);

        var pages = await Reader(new KnowledgeOptions()).ExtractAsync(Save("manual.pdf", pdf));

        Assert.Equal(
            TextExtraction.Extract(KnowledgeFileType.Pdf, new MemoryStream(pdf)).Select(p => (p.PageNumber, p.Text)),
            pages.Select(p => (p.PageNumber, p.Text)));
    }

    [Fact]
    public async Task The_smallest_memory_limit_allowed_still_reads_an_ordinary_PDF()
    {
        var reader = Reader(new KnowledgeOptions { ExtractionMemoryBytes = KnowledgeOptions.MinExtractionMemoryBytes }.Validate());

        var pages = await reader.ExtractAsync(Save("manual.pdf", TestPdf.Create(["Descaling: run the program every three months."])));

        Assert.Contains("every three months", Assert.Single(pages).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_PDF_that_decompresses_a_thousandfold_fails_with_the_limit_in_the_reader_process()
    {
        var error = await Assert.ThrowsAsync<ExtractionException>(() => Reader(new KnowledgeOptions()).ExtractAsync(Save("bomb.pdf", HostilePdf.Bomb(1024))));
        Assert.Equal("The PDF decompresses to more than 256 MB (the limit is Parley:Knowledge:MaxDecompressedBytes).", error.Message);
    }

    [Fact]
    public async Task A_PDF_needing_more_memory_than_the_reader_may_use_fails_with_that_reason_and_the_server_holds_none_of_it()
    {
        // The decompression budget is opened wide, so only the heap limit of the reader process stands in the way.
        var reader = Reader(new KnowledgeOptions { ExtractionMemoryBytes = 64 * Megabyte, MaxDecompressedBytes = 4096 * Megabyte });

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = await Assert.ThrowsAsync<ExtractionException>(() => reader.ExtractAsync(Save("bomb.pdf", HostilePdf.Bomb(512))));

        Assert.Equal("Reading the PDF needs more than 64 MB of memory (the limit is Parley:Knowledge:ExtractionMemoryBytes).", error.Message);
        Assert.Equal(reader.OutOfMemoryReason, error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 * Megabyte);
    }

    [Fact]
    public async Task Cancelling_kills_the_reader_process_and_awaits_its_end()
    {
        var blocked = Path.Combine(_directory, "blocked.pdf");
        BlockedFile.Create(blocked);
        using var cancellation = new CancellationTokenSource();

        var reading = Reader(new KnowledgeOptions()).ExtractAsync(blocked, cancellation.Token);
        await BlockedFile.WaitUntilAsync(() => BlockedFile.ReadersOf(blocked).Count > 0, "the reader process to start");
        Assert.False(reading.IsCompleted);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.Empty(BlockedFile.ReadersOf(blocked));
    }

    [Fact]
    public async Task A_file_that_is_not_a_PDF_fails_with_PdfPigs_reason_and_a_missing_one_as_missing()
    {
        var error = await Assert.ThrowsAsync<ExtractionException>(() => Reader(new KnowledgeOptions()).ExtractAsync(Save("notes.pdf", "just words"u8.ToArray())));
        Assert.StartsWith("The PDF could not be read", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FileNotFoundException>(() => Reader(new KnowledgeOptions()).ExtractAsync(Path.Combine(_directory, "gone.pdf")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static PdfReaderProcess Reader(KnowledgeOptions options) => new(options, NullLogger<PdfReaderProcess>.Instance);

    private string Save(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

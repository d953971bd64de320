namespace Parley.Knowledge.Extraction;

/// <summary>The text of a file of a supported type, as pages (a single page for types without pages), read in this process.</summary>
/// <remarks>The ingestion reads PDFs through <see cref="Isolation.PdfReaderProcess"/> instead, in a process of bounded memory.</remarks>
public static class TextExtraction
{
    /// <summary>Reads the whole file; throws <see cref="ExtractionException"/> when its content is not what its type says or breaks a limit.</summary>
    public static IReadOnlyList<ExtractedPage> Extract(KnowledgeFileType type, Stream stream, ExtractionLimits? limits = null, CancellationToken cancellationToken = default)
    {
        limits ??= ExtractionLimits.Default;
        return type switch
        {
            KnowledgeFileType.Markdown => MarkdownTextExtractor.Extract(stream, limits, cancellationToken),
            KnowledgeFileType.Pdf => PdfTextExtractor.Extract(stream, limits, cancellationToken),
            _ => PlainTextExtractor.Extract(stream, limits, cancellationToken),
        };
    }
}

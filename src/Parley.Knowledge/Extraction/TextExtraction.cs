namespace Parley.Knowledge.Extraction;

/// <summary>The text of a file of a supported type, as pages (a single page for types without pages).</summary>
public static class TextExtraction
{
    /// <summary>Reads the whole file; throws <see cref="ExtractionException"/> when its content is not what its type says.</summary>
    public static IReadOnlyList<ExtractedPage> Extract(KnowledgeFileType type, Stream stream, CancellationToken cancellationToken = default) => type switch
    {
        KnowledgeFileType.Markdown => MarkdownTextExtractor.Extract(stream),
        KnowledgeFileType.Pdf => PdfTextExtractor.Extract(stream, cancellationToken),
        _ => PlainTextExtractor.Extract(stream),
    };
}

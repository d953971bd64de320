using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Parley.Knowledge.Extraction;

/// <summary>The text layer of a PDF, page by page, through PdfPig; scanned pages without text yield nothing.</summary>
internal static class PdfTextExtractor
{
    public static IReadOnlyList<ExtractedPage> Extract(Stream stream, CancellationToken cancellationToken)
    {
        var pages = new List<ExtractedPage>();
        try
        {
            using var document = PdfDocument.Open(stream, new ParsingOptions { UseLenientParsing = true });
            foreach (var page in document.GetPages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Content order keeps reading order with spaces and line breaks; the raw letters of page.Text do not.
                var text = ContentOrderTextExtractor.GetText(page);
                if (!string.IsNullOrWhiteSpace(text))
                {
                    pages.Add(new ExtractedPage(page.Number, text));
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ExtractionException)
        {
            // PdfPig's own exception types stay here: the rest of Parley only sees why the file could not be read.
            throw new ExtractionException($"The PDF could not be read: {ex.Message}", ex);
        }

        return pages;
    }
}

using Parley.Knowledge.Extraction.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Parley.Knowledge.Extraction;

/// <summary>The text layer of a PDF, page by page, through PdfPig; scanned pages without text yield nothing.</summary>
/// <remarks>
/// Read under the limits: the page count is checked before any page is read, every decompressed byte is charged to
/// a <see cref="DecompressionBudget"/>, and the text is counted as it comes. The ingestion runs this in a child
/// process whose memory is capped as well (<see cref="Isolation.PdfReaderProcess"/>).
/// </remarks>
internal static class PdfTextExtractor
{
    public static IReadOnlyList<ExtractedPage> Extract(Stream stream, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        var pages = new List<ExtractedPage>();
        var budget = new DecompressionBudget(limits.MaxDecompressedBytes);
        var options = new ParsingOptions { UseLenientParsing = true, FilterProvider = new BudgetedFilterProvider(budget) };
        try
        {
            using var document = PdfDocument.Open(stream, options);
            budget.ThrowIfExhausted();
            if (document.NumberOfPages > limits.MaxPages)
            {
                throw new ExtractionException(TooManyPages(document.NumberOfPages, limits));
            }

            long chars = 0;
            for (var number = 1; number <= document.NumberOfPages; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = document.GetPage(number);
                // Content order keeps reading order with spaces and line breaks; the raw letters of page.Text do not.
                var text = ContentOrderTextExtractor.GetText(page);
                budget.ThrowIfExhausted();
                chars += text.Length;
                if (chars > limits.MaxTextChars)
                {
                    throw new ExtractionException(limits.TooMuchText());
                }

                if (!string.IsNullOrWhiteSpace(text))
                {
                    pages.Add(new ExtractedPage(page.Number, text));
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ExtractionException)
        {
            // A limit may surface wrapped in PdfPig's own exception; its reason is the one to give.
            if (budget.Exhausted)
            {
                throw new ExtractionException(budget.Reason, ex);
            }

            // PdfPig's own exception types stay here: the rest of Parley only sees why the file could not be read.
            throw new ExtractionException($"The PDF could not be read: {ex.Message}", ex);
        }

        return pages;
    }

    private static string TooManyPages(int pages, ExtractionLimits limits)
        => $"The PDF has {pages:N0} pages, more than {limits.MaxPages:N0} (the limit is Parley:Knowledge:MaxPages).";
}

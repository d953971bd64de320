using System.IO.Compression;
using System.Runtime.InteropServices;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Parley.Knowledge.Extraction.Pdf;

/// <summary>One of PdfPig's filters, charging its output to a <see cref="DecompressionBudget"/>.</summary>
/// <remarks>
/// A Flate stream is the one that expands a thousandfold (a megabyte of zeros deflates to about a kilobyte), and
/// PdfPig decodes it whole into memory; so it is first inflated into a small scratch block, counting, and handed to
/// PdfPig only once its full size fits the budget. Reading stops one block past the budget: memory never holds more.
/// Other filters expand far less (run-length at most 64 times) and are charged after decoding; what they could still
/// do is held by the memory limit of the process that reads PDFs.
/// </remarks>
internal sealed class BudgetedFilter(IFilter inner, DecompressionBudget budget) : IFilter
{
    internal const int ScratchBytes = 64 * 1024;

    public bool IsSupported => inner.IsSupported;

    public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
    {
        if (inner is FlateFilter)
        {
            CountInflated(input);
            return inner.Decode(input, streamDictionary, filterProvider, filterIndex);
        }

        var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
        budget.Spend(output.Length);
        return output;
    }

    /// <summary>Inflates the stream into a scratch block, charging every block; throws once the budget is gone.</summary>
    private void CountInflated(Memory<byte> input)
    {
        // As PdfPig does: the two bytes of the zlib header are skipped, DeflateStream reads the raw deflate data after.
        if (input.Length <= 2)
        {
            return;
        }

        var scratch = new byte[ScratchBytes];
        var deflated = input[2..];
        using var compressed = MemoryMarshal.TryGetArray<byte>(deflated, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(deflated.ToArray(), writable: false);
        using var inflater = new DeflateStream(compressed, CompressionMode.Decompress);
        try
        {
            int read;
            while ((read = inflater.Read(scratch, 0, scratch.Length)) > 0)
            {
                budget.Spend(read);
            }
        }
        catch (InvalidDataException)
        {
            // Corrupt data: PdfPig decides what to make of it; what was inflated so far is charged.
        }
    }
}

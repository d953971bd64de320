namespace Parley.Knowledge.Extraction.Pdf;

/// <summary>How many bytes one PDF's streams may still decompress to; spent as they are decoded, never refilled.</summary>
/// <remarks>
/// PdfPig swallows some errors thrown while decoding (a failed filter yields the raw bytes), so running out is also
/// remembered here, and the reader checks <see cref="Exhausted"/> after each page.
/// </remarks>
internal sealed class DecompressionBudget(long maxBytes)
{
    private long _spent;

    /// <summary>The most bytes all streams together may decompress to.</summary>
    public long MaxBytes { get; } = maxBytes;

    /// <summary>Bytes decompressed so far (never more than <see cref="MaxBytes"/> plus one block).</summary>
    public long Spent => Interlocked.Read(ref _spent);

    /// <summary>True once a stream needed more than was left.</summary>
    public bool Exhausted { get; private set; }

    /// <summary>The error of a PDF that decompresses to more than <see cref="MaxBytes"/>.</summary>
    public string Reason => $"The PDF decompresses to more than {MaxBytes / (1024 * 1024):N0} MB (the limit is Parley:Knowledge:MaxDecompressedBytes).";

    /// <summary>Counts <paramref name="bytes"/> more; throws <see cref="ExtractionException"/> once the budget is gone.</summary>
    public void Spend(long bytes)
    {
        if (Interlocked.Add(ref _spent, bytes) > MaxBytes)
        {
            Exhausted = true;
            throw new ExtractionException(Reason);
        }
    }

    /// <summary>Throws <see cref="ExtractionException"/> when the budget ran out, even if the error was swallowed on the way.</summary>
    public void ThrowIfExhausted()
    {
        if (Exhausted)
        {
            throw new ExtractionException(Reason);
        }
    }
}

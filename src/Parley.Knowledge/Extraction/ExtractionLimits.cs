namespace Parley.Knowledge.Extraction;

/// <summary>How much one file may hold: its pages, its text, and what its compressed streams may expand to.</summary>
/// <param name="MaxPages">The most pages of a paged file (PDF).</param>
/// <param name="MaxTextChars">The most characters of text, over all pages.</param>
/// <param name="MaxDecompressedBytes">The most bytes a PDF's streams may decompress to, all together.</param>
public sealed record ExtractionLimits(int MaxPages, int MaxTextChars, long MaxDecompressedBytes)
{
    /// <summary>The limits of <see cref="KnowledgeOptions"/>' defaults.</summary>
    public static ExtractionLimits Default { get; } = new KnowledgeOptions().ExtractionLimits;

    /// <summary>The error of a file with more text than <see cref="MaxTextChars"/>.</summary>
    public string TooMuchText() => $"The file holds more than {MaxTextChars:N0} characters of text (the limit is Parley:Knowledge:MaxTextChars).";
}

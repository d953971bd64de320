using System.Text;

namespace Parley.Knowledge.Extraction;

/// <summary>Reads a text file: UTF-8 unless a byte-order mark says otherwise, never more than the text limit.</summary>
internal static class PlainTextExtractor
{
    private const int BlockChars = 64 * 1024;

    public static string ReadAll(Stream stream, ExtractionLimits limits, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BlockChars, leaveOpen: true);
        var text = new StringBuilder();
        var block = new char[BlockChars];
        int read;
        while ((read = reader.Read(block)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Refused as soon as it is known, so a file far over the limit is never held whole.
            if (text.Length + read > limits.MaxTextChars)
            {
                throw new ExtractionException(limits.TooMuchText());
            }

            // A NUL in "text" means a binary file under a text name; indexing it would only add noise.
            if (block.AsSpan(0, read).Contains('\0'))
            {
                throw new ExtractionException("The file is not text (it holds binary data).");
            }

            text.Append(block, 0, read);
        }

        return text.ToString();
    }

    public static IReadOnlyList<ExtractedPage> Extract(Stream stream, ExtractionLimits limits, CancellationToken cancellationToken = default)
        => [new ExtractedPage(null, ReadAll(stream, limits, cancellationToken))];
}

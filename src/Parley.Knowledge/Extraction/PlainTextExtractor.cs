using System.Text;

namespace Parley.Knowledge.Extraction;

/// <summary>Reads a text file: UTF-8 unless a byte-order mark says otherwise.</summary>
internal static class PlainTextExtractor
{
    public static string ReadAll(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var text = reader.ReadToEnd();
        // A NUL in "text" means a binary file under a text name; indexing it would only add noise.
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ExtractionException("The file is not text (it holds binary data).");
        }

        return text;
    }

    public static IReadOnlyList<ExtractedPage> Extract(Stream stream) => [new ExtractedPage(null, ReadAll(stream))];
}

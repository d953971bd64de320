using System.Text;
using CsCheck;
using Parley.Testing.Documents;

namespace Parley.Knowledge.Tests.Fuzz;

/// <summary>Valid files of each supported type, and the tokens that mean something in each, for the extraction fuzz.</summary>
internal static class ExtractionSeeds
{
    public static IReadOnlyList<byte[]> Text { get; } =
    [
        Encoding.UTF8.GetBytes("The lighthouse keeper climbs the stairs.\nThe harbour master logs every ship.\r\n"),
        Encoding.UTF8.GetBytes("Größe, ça, 日本語, emoji 😀 and a right-to-left ‮mark.\n\nA second paragraph."),
        [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("A file with a byte-order mark.")],
        [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("UTF-16 little-endian text.")],
        Encoding.UTF8.GetBytes(string.Join(' ', Enumerable.Repeat("one endless sentence and", 400))),
    ];

    public static IReadOnlyList<byte[]> Markdown { get; } =
    [
        Encoding.UTF8.GetBytes("""
            ---
            title: Manual
            ---
            # Descaling
            Run the **program** every _three_ months, see [the guide](https://example.com "guide") and ![a picture](x.png).

            > A quote with `code` and <b>html</b>.

            1. First
            - Second
              * nested

            | a | b |
            |---|---|
            | 1 | 2 |

            ```csharp
            var x = 1;
            ```
            Setext heading
            ==============
            [ref]: https://example.com
            """),
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("*a _b `c [d](e) ", 500))),
    ];

    public static IReadOnlyList<byte[]> Pdf { get; } =
    [
        TestPdf.Create(["The lighthouse keeper climbs the stairs."], [], ["The harbour master logs every ship."]),
        TestPdf.Create(["Descaling: run the program every three months."]),
        HostilePdf.Bomb(1), // a FlateDecode content stream: one MiB of zeros
    ];

    public static IReadOnlyList<byte[]> TextTokens { get; } =
    [
        .. new[] { "\n", "\r\n", "\r", "\0", " ", "\t", "😀", "\u202e", "\ufeff", "é" }.Select(Encoding.UTF8.GetBytes),
        [0xFF, 0xFE], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF], [0x00, 0x00, 0xFE, 0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
    ];

    public static IReadOnlyList<byte[]> MarkdownTokens { get; } =
    [
        .. TextTokens,
        .. new[] { "#", "# ", "######", "*", "**", "_", "__", "~~", "`", "```", "~~~", "[", "]", "](", ")", "![", "<", ">", "</", "|", "---", "===", "- ", "1. ", "> ", "    ", "\\", "&amp;", "<!--", "-->", "[x]: ", "---\n" }
            .Select(Encoding.UTF8.GetBytes),
    ];

    public static IReadOnlyList<byte[]> PdfTokens { get; } =
    [
        .. new[]
        {
            "obj", "endobj", "stream\n", "\nendstream", "<<", ">>", "[", "]", "(", ")", "/", " R", "0 0 R", "1 0 R", "3 0 R", "4 0 R",
            "/Length 999999999", "/Length -1", "/Filter /FlateDecode", "/Filter /LZWDecode", "/Filter /ASCIIHexDecode", "/Filter /RunLengthDecode",
            "/Filter [/FlateDecode /FlateDecode]", "/DecodeParms << /Predictor 15 /Columns 99999 >>", "/Type /Pages", "/Kids [", "/Count 2000000000",
            "/Count -1", "/Parent 2 0 R", "/Contents", "/Font", "/Resources", "xref", "trailer", "startxref", "%%EOF", "%PDF-1.7", "BT", "ET", "Tj",
            "TJ", "Tf", "/F1 12 Tf", "(text) Tj", "9999999999", "-2147483649", "1.0e308", "\\", "\\(", "<FEFF>", "/Encrypt", "/ObjStm", "/XRef",
        }.Select(Encoding.ASCII.GetBytes),
        [0x00], [0xFF], [0x0A], [0x0D],
    ];

    /// <summary>Markdown as a soup of its own marks and words, each line a random run of them.</summary>
    public static Gen<byte[]> MarkdownSoup { get; } =
        Gen.OneOf([.. MarkdownTokens.Select(Encoding.UTF8.GetString), "word", "other", "a", "\n\n"])
            .Array[0, 400]
            .Select(tokens => Encoding.UTF8.GetBytes(string.Concat(tokens)));
}

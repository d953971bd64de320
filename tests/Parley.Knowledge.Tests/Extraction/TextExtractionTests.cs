using System.Text;
using Parley.Knowledge.Extraction;
using Parley.Knowledge.Tests.Infrastructure;

using Parley.Testing.Documents;

namespace Parley.Knowledge.Tests.Extraction;

public sealed class TextExtractionTests
{
    [Fact]
    public void A_PDF_is_read_page_by_page_with_its_page_numbers()
    {
        var pdf = TestPdf.Create(
            ["The lighthouse keeper climbs the stairs.", "He lights the lamp at dusk."],
            [],
            ["The harbour master logs every ship."]);

        var pages = TextExtraction.Extract(KnowledgeFileType.Pdf, new MemoryStream(pdf));

        Assert.Equal([1, 3], pages.Select(p => p.PageNumber));
        Assert.Contains("The lighthouse keeper climbs the stairs.", pages[0].Text, StringComparison.Ordinal);
        Assert.Contains("He lights the lamp at dusk.", pages[0].Text, StringComparison.Ordinal);
        Assert.Contains("The harbour master logs every ship.", pages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_PDF_fails_with_a_reason_and_no_PdfPig_type()
    {
        var error = Assert.Throws<ExtractionException>(() => TextExtraction.Extract(KnowledgeFileType.Pdf, new MemoryStream("just words"u8.ToArray())));
        Assert.StartsWith("The PDF could not be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_is_read_as_UTF8_or_by_its_byte_order_mark()
    {
        var utf8 = TextExtraction.Extract(KnowledgeFileType.Text, new MemoryStream("Crème brûlée costs €7."u8.ToArray()));
        Assert.Equal("Crème brûlée costs €7.", Assert.Single(utf8).Text);
        Assert.Null(utf8[0].PageNumber);

        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Größe: 42")).ToArray();
        Assert.Equal("Größe: 42", Assert.Single(TextExtraction.Extract(KnowledgeFileType.Text, new MemoryStream(utf16))).Text);
    }

    [Fact]
    public void Binary_data_under_a_text_name_is_refused()
    {
        var error = Assert.Throws<ExtractionException>(() => TextExtraction.Extract(KnowledgeFileType.Text, new MemoryStream([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])));
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_is_read_as_prose()
    {
        var page = Assert.Single(TextExtraction.Extract(KnowledgeFileType.Markdown, new MemoryStream("# Title\n\nSome **bold** text."u8.ToArray())));
        Assert.Matches(@"^\s*Title\n\s*\nSome bold text\.\s*$", page.Text);
    }

    [Theory]
    [InlineData("notes.txt", null, KnowledgeFileType.Text)]
    [InlineData("NOTES.TXT", "application/octet-stream", KnowledgeFileType.Text)]
    [InlineData("readme.md", null, KnowledgeFileType.Markdown)]
    [InlineData("guide.markdown", "text/plain", KnowledgeFileType.Markdown)]
    [InlineData("manual.pdf", null, KnowledgeFileType.Pdf)]
    [InlineData("README", "text/markdown; charset=utf-8", KnowledgeFileType.Markdown)]
    [InlineData("blob", "application/pdf", KnowledgeFileType.Pdf)]
    [InlineData("", "text/plain", KnowledgeFileType.Text)]
    public void Supported_files_are_known_by_extension_then_by_media_type(string fileName, string? contentType, KnowledgeFileType expected)
        => Assert.Equal(expected, KnowledgeFileTypes.Detect(fileName, contentType));

    [Theory]
    [InlineData("report.docx", "text/plain")]
    [InlineData("photo.png", "image/png")]
    [InlineData("data.csv", null)]
    [InlineData("noextension", null)]
    [InlineData("noextension", "application/octet-stream")]
    public void Other_files_are_not_supported(string fileName, string? contentType)
        => Assert.Null(KnowledgeFileTypes.Detect(fileName, contentType));
}

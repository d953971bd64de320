using Parley.Agents.Tools;
using Parley.Protocol.Payloads;
using Parley.Storage.Knowledge;

namespace Parley.Tools.Knowledge;

/// <summary>Turns a found passage into the <c>citation</c> the session sends: the answering sentences and their file.</summary>
internal static class KnowledgeCitations
{
    // The SDK's source types; a passage with a page number comes from a PDF.
    private const string PdfPage = "pdf_page";
    private const string Record = "record";

    /// <summary>The citation of <paramref name="passage"/> for a query of <paramref name="terms"/>.</summary>
    public static Citation For(KnowledgePassage passage, IReadOnlyList<string> terms) => new()
    {
        Text = PassageExcerpt.Answer(passage.Text, terms),
        Sources =
        [
            new CitationSource
            {
                SourceName = passage.SourceName,
                Type = passage.PageNumber is null ? Record : PdfPage,
                Confirmations = [PassageExcerpt.Quote(passage.Text, terms)],
                SourceId = passage.KnowledgeId,
            },
        ],
    };
}

using Parley.Knowledge.Extraction.Isolation;
using Parley.Knowledge.Files;
using Parley.Storage.Knowledge;

namespace Parley.Knowledge.Extraction;

/// <summary>Reads the text of a saved upload under the limits: text and Markdown in this process, PDFs in a reader process of capped memory.</summary>
public sealed class KnowledgeFileReader(IKnowledgeFileStore files, PdfReaderProcess pdfReader, KnowledgeOptions options)
{
    /// <summary>The file's pages; throws <see cref="ExtractionException"/> with the reason when it cannot be read or breaks a limit.</summary>
    /// <exception cref="FileNotFoundException">The file is gone.</exception>
    public async Task<IReadOnlyList<ExtractedPage>> ReadAsync(KnowledgeFileRecord file, KnowledgeFileType type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var local = await files.OpenLocalAsync(file.KnowledgeId, file.Id, type, cancellationToken).ConfigureAwait(false);
        if (type == KnowledgeFileType.Pdf)
        {
            return await pdfReader.ExtractAsync(local.Path, cancellationToken).ConfigureAwait(false);
        }

        // Text is as large as its upload, read against the text limit block by block: no need for a process of its own.
        using var stream = new FileStream(local.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
        return TextExtraction.Extract(type, stream, options.ExtractionLimits, cancellationToken);
    }
}

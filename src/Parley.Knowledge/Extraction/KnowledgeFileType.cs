namespace Parley.Knowledge.Extraction;

/// <summary>The kinds of file knowledge can be made from.</summary>
public enum KnowledgeFileType
{
    /// <summary>Plain text (<c>.txt</c>, <c>text/plain</c>).</summary>
    Text,

    /// <summary>Markdown (<c>.md</c>, <c>text/markdown</c>): its syntax is stripped before indexing.</summary>
    Markdown,

    /// <summary>PDF (<c>.pdf</c>, <c>application/pdf</c>): its text layer, page by page.</summary>
    Pdf,
}

namespace Parley.Knowledge.Extraction;

/// <summary>Which uploads are supported, and the media type and file extension each is stored under.</summary>
public static class KnowledgeFileTypes
{
    /// <summary>The supported kinds, as an error message lists them.</summary>
    public const string SupportedDescription = ".txt (text/plain), .md (text/markdown) and .pdf (application/pdf)";

    /// <summary>
    /// The type of an upload: by its extension when it has one (an unknown extension is unsupported, whatever the
    /// declared type), by its declared media type when it has none; null when unsupported.
    /// </summary>
    public static KnowledgeFileType? Detect(string? fileName, string? contentType)
    {
        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        if (extension.Length > 0)
        {
            return extension switch
            {
                ".txt" or ".text" => KnowledgeFileType.Text,
                ".md" or ".markdown" or ".mdown" or ".mkd" => KnowledgeFileType.Markdown,
                ".pdf" => KnowledgeFileType.Pdf,
                _ => null,
            };
        }

        return FromMediaType(contentType);
    }

    /// <summary>The type of a media type (parameters such as <c>charset</c> ignored); null when unsupported.</summary>
    public static KnowledgeFileType? FromMediaType(string? mediaType)
    {
        var bare = (mediaType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        return bare switch
        {
            "text/plain" => KnowledgeFileType.Text,
            "text/markdown" or "text/x-markdown" => KnowledgeFileType.Markdown,
            "application/pdf" => KnowledgeFileType.Pdf,
            _ => null,
        };
    }

    /// <summary>The media type a file of this type is recorded with.</summary>
    public static string MediaType(KnowledgeFileType type) => type switch
    {
        KnowledgeFileType.Markdown => "text/markdown",
        KnowledgeFileType.Pdf => "application/pdf",
        _ => "text/plain",
    };

    /// <summary>The extension its bytes are saved with in the data folder.</summary>
    public static string Extension(KnowledgeFileType type) => type switch
    {
        KnowledgeFileType.Markdown => ".md",
        KnowledgeFileType.Pdf => ".pdf",
        _ => ".txt",
    };
}

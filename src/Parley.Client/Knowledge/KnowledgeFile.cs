namespace Parley.Client.Knowledge;

/// <summary>A file to upload into a knowledge (.txt, .md or .pdf).</summary>
/// <param name="FileName">The name the server sees; its extension tells the type when <paramref name="ContentType"/> is absent.</param>
/// <param name="Content">The bytes; read once per try (seekable or buffered).</param>
/// <param name="ContentType">The media type, e.g. <c>text/markdown</c>.</param>
public sealed record KnowledgeFile(string FileName, Stream Content, string? ContentType = null)
{
    /// <summary>A file on disk; the caller disposes <see cref="Content"/> after the upload.</summary>
    public static KnowledgeFile FromPath(string path) => new(Path.GetFileName(path), File.OpenRead(path), ContentTypeOf(path));

    private static string? ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".txt" => "text/plain",
        ".md" or ".markdown" => "text/markdown",
        ".pdf" => "application/pdf",
        _ => null,
    };
}

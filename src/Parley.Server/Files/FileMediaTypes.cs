namespace Parley.Server.Files;

/// <summary>The kinds of file the Files API accepts, by extension and by declared media type, and the type each is stored under.</summary>
/// <remarks>
/// Text, Markdown and PDF files are also indexed, so an agent given their ids can search them; the others are kept and
/// served as uploaded. Content is served as an attachment with <c>nosniff</c>, so no upload is ever run as a page.
/// </remarks>
internal static class FileMediaTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain",
        [".text"] = "text/plain",
        [".md"] = "text/markdown",
        [".markdown"] = "text/markdown",
        [".csv"] = "text/csv",
        [".json"] = "application/json",
        [".pdf"] = "application/pdf",
        [".wav"] = "audio/wav",
        [".mp3"] = "audio/mpeg",
        [".ogg"] = "audio/ogg",
        [".webm"] = "audio/webm",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
    };

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text/x-markdown"] = "text/markdown",
        ["audio/x-wav"] = "audio/wav",
        ["audio/wave"] = "audio/wav",
        ["audio/vnd.wave"] = "audio/wav",
        ["audio/mp3"] = "audio/mpeg",
        ["image/jpg"] = "image/jpeg",
    };

    /// <summary>The accepted kinds, as an error message lists them.</summary>
    public static string Described => string.Join(", ", ByExtension.Keys.Where(k => k != ".text" && k != ".markdown" && k != ".jpeg"));

    /// <summary>
    /// The media type an upload is stored under: its declared type when that is one accepted, otherwise the type of its
    /// extension (browsers and SDKs often declare <c>application/octet-stream</c>); null when neither is accepted.
    /// </summary>
    public static string? Detect(string? fileName, string? declared)
    {
        var bare = (declared ?? string.Empty).Split(';')[0].Trim();
        bare = Aliases.GetValueOrDefault(bare, bare);
        if (ByExtension.ContainsValue(bare))
        {
            return bare.ToLowerInvariant();
        }

        return ByExtension.GetValueOrDefault(Path.GetExtension(fileName ?? string.Empty));
    }
}

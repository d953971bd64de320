using Parley.Server.Messages;
using Parley.Storage.Files;

namespace Parley.Server.Files;

/// <summary>A file as the API shows it: the SDK's <c>FileObject</c>, plus its size in <c>bytes</c> (Parley's own).</summary>
internal sealed record FileResponse
{
    public required string Id { get; init; }
    public string Object => "file";
    public required string Filename { get; init; }
    public required string MediaType { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Always 0 consumed: a self-hosted server has no credits.</summary>
    public MessageCredits Credits => new(0);

    /// <summary>Parley's own: the size of the content, in bytes.</summary>
    public long Bytes { get; init; }

    public static FileResponse From(FileRecord file) => new()
    {
        Id = file.Id,
        Filename = file.Filename,
        MediaType = file.MediaType,
        CreatedAt = file.CreatedAt,
        ExpiresAt = file.ExpiresAt,
        Bytes = file.SizeBytes,
    };
}

namespace Parley.Storage.Files;

/// <summary>A stored file: its name, type and size, who owns it, and, for a recording, the PCM format its bytes hold.</summary>
/// <remarks>
/// Recordings are stored as raw PCM16 and served as WAV: the 44-byte header is made when the file is read, from the
/// length actually stored, so a recording cut short by a crash is still a valid WAV of what was written.
/// </remarks>
public sealed record FileRecord
{
    public required string Id { get; init; }
    public required string TeamspaceId { get; init; }
    public required string Kind { get; init; }
    public string State { get; init; } = FileStates.Writing;
    public required string Filename { get; init; }
    public required string MediaType { get; init; }

    /// <summary>The size served (for a recording, header included).</summary>
    public long SizeBytes { get; init; }

    /// <summary>The voice message a recording belongs to; null for uploads.</summary>
    public string? MessageId { get; init; }

    /// <summary>For a recording: the sample rate of its PCM16 bytes; null for a file stored as uploaded.</summary>
    public int? PcmSampleRate { get; init; }

    /// <summary>For a recording: its channels (1, or 2 for a call).</summary>
    public int? PcmChannels { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the file is deleted automatically; null when it does not expire.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Whether the bytes are PCM16 served behind a WAV header.</summary>
    public bool IsPcm => PcmSampleRate is not null && PcmChannels is not null;
}

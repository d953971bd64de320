namespace Parley.Protocol.Payloads;

/// <summary>Payload of <c>audio</c> in both directions: base64 PCM16 little-endian mono.</summary>
public sealed record AudioPayload
{
    public string? Data { get; init; }
    public string? MimeType { get; init; }
}

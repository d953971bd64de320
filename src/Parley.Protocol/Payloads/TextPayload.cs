namespace Parley.Protocol.Payloads;

/// <summary>Payload of the client's <c>text</c>: a user turn given as text.</summary>
public sealed record TextPayload
{
    public string? Text { get; init; }
}

namespace Parley.Protocol.Payloads;

/// <summary>Who is speaking, as the client tells it.</summary>
public sealed record UserInfo
{
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
}

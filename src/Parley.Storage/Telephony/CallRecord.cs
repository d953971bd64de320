namespace Parley.Storage.Telephony;

/// <summary>One phone call: where it went, which conversation it is, and where it stands.</summary>
public sealed record CallRecord
{
    public required string Id { get; init; }
    public required string TeamspaceId { get; init; }
    public string? PhoneNumberId { get; init; }

    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    public required string Direction { get; init; }

    public required string Carrier { get; init; }

    /// <summary>The carrier's id of the call (Twilio's Call SID, Telnyx's call control id), once known.</summary>
    public string? CarrierCallId { get; init; }

    public required string From { get; init; }
    public required string To { get; init; }
    public string? AgentId { get; init; }

    /// <summary>One of <see cref="CallStatuses"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the call failed, in words.</summary>
    public string? Error { get; init; }

    public string? ConversationId { get; init; }
    public string? MessageId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
}

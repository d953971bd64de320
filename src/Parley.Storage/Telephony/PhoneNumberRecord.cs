namespace Parley.Storage.Telephony;

/// <summary>A phone number of a teamspace: which carrier account owns it, which agent answers it and how.</summary>
public sealed record PhoneNumberRecord
{
    public required string Id { get; init; }
    public required string TeamspaceId { get; init; }

    /// <summary>The number in E.164 (<c>+15551230000</c>).</summary>
    public required string Number { get; init; }

    /// <summary>The carrier (<see cref="Carriers"/>).</summary>
    public required string Carrier { get; init; }

    /// <summary>The carrier account: Twilio's Account SID, Telnyx's Call Control connection id.</summary>
    public required string AccountId { get; init; }

    /// <summary>The name of the teamspace's secret holding the carrier credential (Twilio's auth token, Telnyx's API key).</summary>
    public required string CredentialSecret { get; init; }

    /// <summary>The account's Ed25519 public key (base64) that Telnyx signs webhooks with; null for Twilio, whose signature is keyed by the credential.</summary>
    public string? WebhookPublicKey { get; init; }

    /// <summary>The agent that answers; null for the teamspace's default agent.</summary>
    public string? AgentId { get; init; }

    /// <summary>What the agent says, word for word, when it answers; null for the agent's own greeting.</summary>
    public string? Greeting { get; init; }

    /// <summary>Whether calls to this number may be recorded.</summary>
    public bool Recording { get; init; } = true;

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

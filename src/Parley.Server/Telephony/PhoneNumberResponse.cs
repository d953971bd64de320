using Parley.Storage.Telephony;

namespace Parley.Server.Telephony;

/// <summary>A phone number as the API shows it (Parley's addition to the Datagrid API).</summary>
internal sealed record PhoneNumberResponse(
    string Id, string Number, string Carrier, string AccountId, string CredentialSecret, string? WebhookPublicKey, string? AgentId, string? Greeting, bool Recording,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public string Object => "phone_number";

    public static PhoneNumberResponse From(PhoneNumberRecord n)
        => new(n.Id, n.Number, n.Carrier, n.AccountId, n.CredentialSecret, n.WebhookPublicKey, n.AgentId, n.Greeting, n.Recording, n.CreatedAt, n.UpdatedAt);
}

using System.Text.Json;
using Parley.Server.Api;
using Parley.Storage.Agents;
using Parley.Storage.Secrets;
using Parley.Storage.Telephony;
using Parley.Telephony.Telnyx;

namespace Parley.Server.Telephony;

/// <summary>Reads a phone number's fields from a create or PATCH body: each field present changes, <c>null</c> clears the optional ones.</summary>
internal static class PhoneNumberChanges
{
    private const int MaxGreetingChars = 500;
    private const int MaxAccountIdChars = 128;

    /// <summary><paramref name="current"/> with the body's fields laid over it; 400 for a wrong type, 422 for a bad value or an unknown field.</summary>
    public static PhoneNumberRecord Apply(JsonElement body, PhoneNumberRecord current, bool creating)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest("The request body must be a JSON object.");
        }

        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            current = property.Name switch
            {
                "number" when creating => current with { Number = Number(value) },
                "carrier" when creating => current with { Carrier = Carrier(value) },
                "number" or "carrier" => throw ApiException.Unprocessable($"'{property.Name}' cannot change; delete the number and create it again."),
                "account_id" => current with { AccountId = Required(value, property.Name, MaxAccountIdChars) },
                "credential_secret" => current with { CredentialSecret = SecretName(value) },
                "webhook_public_key" => current with { WebhookPublicKey = PublicKey(value) },
                "agent_id" => current with { AgentId = Optional(value, property.Name, 64) },
                "greeting" => current with { Greeting = Optional(value, property.Name, MaxGreetingChars) },
                "recording" => current with { Recording = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw ApiException.BadRequest("'recording' must be true or false.") },
                _ => throw ApiException.Unprocessable($"Unknown field '{property.Name}'."),
            };
        }

        foreach (var (name, given) in new[] { ("number", current.Number), ("carrier", current.Carrier), ("account_id", current.AccountId), ("credential_secret", current.CredentialSecret) })
        {
            if (given.Length == 0)
            {
                throw ApiException.Unprocessable($"'{name}' is required.");
            }
        }

        if (current.WebhookPublicKey is not null && current.Carrier == Carriers.Twilio)
        {
            throw ApiException.Unprocessable("'webhook_public_key' is for Telnyx numbers; Twilio signs its webhooks with the auth token in 'credential_secret'.");
        }

        return current;
    }

    /// <summary>Checks what the number refers to: its agent and its credential secret exist in the teamspace.</summary>
    public static async Task CheckReferencesAsync(PhoneNumberRecord number, AgentStore agents, SecretStore secrets, CancellationToken cancellationToken)
    {
        if (number.AgentId is { } agentId && await agents.FindAsync(number.TeamspaceId, agentId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw ApiException.NotFound($"Agent '{agentId}' was not found.");
        }

        var found = await secrets.ReadAsync(number.TeamspaceId, [number.CredentialSecret], cancellationToken).ConfigureAwait(false);
        if (!found.ContainsKey(number.CredentialSecret))
        {
            throw ApiException.Unprocessable($"'credential_secret' names '{number.CredentialSecret}', which is not a secret of this teamspace; create it with /v1/secrets first.");
        }
    }

    private static string Number(JsonElement value)
        => value.ValueKind == JsonValueKind.String && PhoneNumbers.IsE164(value.GetString())
            ? value.GetString()!
            : throw ApiException.Unprocessable("'number' must be in E.164, e.g. +15551230000.");

    private static string Carrier(JsonElement value)
        => value.ValueKind == JsonValueKind.String && Carriers.All.Contains(value.GetString())
            ? value.GetString()!
            : throw ApiException.Unprocessable($"'carrier' must be one of {string.Join(", ", Carriers.All)}.");

    private static string? PublicKey(JsonElement value)
    {
        var key = Optional(value, "webhook_public_key", 128);
        return key is null || TelnyxSignature.ParsePublicKey(key) is not null
            ? key
            : throw ApiException.Unprocessable("'webhook_public_key' must be the account's Ed25519 public key as Telnyx shows it: 32 bytes in base64.");
    }

    private static string SecretName(JsonElement value)
    {
        var name = Required(value, "credential_secret", SecretReferences.MaxNameChars);
        return SecretReferences.IsValidName(name) ? name : throw ApiException.Unprocessable("'credential_secret' is not a valid secret name.");
    }

    private static string Required(JsonElement value, string name, int maxChars)
        => Optional(value, name, maxChars) ?? throw ApiException.Unprocessable($"'{name}' is required.");

    private static string? Optional(JsonElement value, string name, int maxChars)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw ApiException.BadRequest($"'{name}' must be a string or null.");
        }

        var text = value.GetString()!.Trim();
        return text.Length is > 0 and var length && length <= maxChars
            ? text
            : throw ApiException.Unprocessable($"'{name}' must be 1 to {maxChars} characters.");
    }
}

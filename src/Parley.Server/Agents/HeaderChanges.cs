using System.Text.Json;
using Parley.Server.Api;
using Parley.Storage.Secrets;
using Parley.Tools.Secrets;
using Parley.Tools.Webhooks;

namespace Parley.Server.Agents;

/// <summary>Reads the <c>headers</c> of a webhook or an MCP server: names a definition may set, one-line values, credentials only through secrets.</summary>
internal static class HeaderChanges
{
    private const int MaxHeaderValueChars = 8_192;

    /// <summary>The headers of <paramref name="item"/> at <paramref name="path"/>; empty when absent or null.</summary>
    public static Dictionary<string, string> Read(JsonElement item, string path)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!item.TryGetProperty("headers", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return headers;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest($"'{path}.headers' must be an object of header names to values, or null.");
        }

        foreach (var header in value.EnumerateObject())
        {
            var where = $"'{path}.headers.{header.Name}'";
            if (header.Value.ValueKind != JsonValueKind.String)
            {
                throw ApiException.BadRequest($"{where} must be a string.");
            }

            var text = header.Value.GetString()!;
            if (!WebhookRules.IsAllowedHeader(header.Name))
            {
                throw ApiException.Unprocessable($"{where}: '{header.Name}' is not a header a definition may set.");
            }

            if (text.Length > MaxHeaderValueChars || !WebhookRules.IsValidHeaderValue(text))
            {
                throw ApiException.Unprocessable($"{where} must be one line of at most {MaxHeaderValueChars} characters.");
            }

            if (SecretReferences.HasMalformed(text))
            {
                throw ApiException.Unprocessable($"{where} refers to a secret badly; write {{{{secret:NAME}}}} with the secret's name.");
            }

            if (CredentialHeaders.IsInClear(header.Name, text))
            {
                // Every key of the teamspace reads the agent back: a credential stored here would be handed to all of them.
                throw ApiException.Unprocessable(
                    $"{where} holds a credential in clear; store it with POST /v1/secrets (with 'allowed_hosts') and write {{{{secret:NAME}}}} here instead.");
            }

            if (!headers.TryAdd(header.Name, text))
            {
                throw ApiException.Unprocessable($"{where} is given twice.");
            }
        }

        return headers;
    }
}

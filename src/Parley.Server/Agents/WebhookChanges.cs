using System.Text.Json;
using Parley.Agents.Tools;
using Parley.Server.Api;
using Parley.Storage.Agents;
using Parley.Tools.Outbound;
using Parley.Tools.Webhooks;

namespace Parley.Server.Agents;

/// <summary>Reads an agent's <c>webhooks</c>: 400 for a wrong JSON type, 422 for a value Parley cannot call.</summary>
/// <remarks>The list replaces the agent's webhooks whole; <c>null</c> clears them. Defaults are filled in, so the answer shows what will run.</remarks>
internal static class WebhookChanges
{
    private const string Field = "webhooks";
    private const int MaxDescriptionChars = 2_000;

    public static List<AgentWebhook>? Read(JsonElement value, OutboundAddressGuard outbound)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"'{Field}' must be an array or null.");
        }

        if (value.GetArrayLength() > WebhookRules.MaxPerAgent)
        {
            throw ApiException.Unprocessable($"An agent may have at most {WebhookRules.MaxPerAgent} webhooks.");
        }

        var webhooks = new List<AgentWebhook>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var webhook = Webhook(item, $"{Field}[{index++}]", outbound);
            if (!names.Add(webhook.Name))
            {
                throw ApiException.Unprocessable($"Two webhooks are named '{webhook.Name}'; tool names must be unique.");
            }

            webhooks.Add(webhook);
        }

        return webhooks;
    }

    private static AgentWebhook Webhook(JsonElement item, string path, OutboundAddressGuard outbound)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest($"'{path}' must be an object.");
        }

        var name = RequiredText(item, path, "name");
        if (!WebhookRules.IsValidName(name))
        {
            throw ApiException.Unprocessable($"'{path}.name' must be 1 to 64 letters, digits, '_' or '-'.");
        }

        if (ToolCatalog.Find(name) is not null)
        {
            throw ApiException.Unprocessable($"'{path}.name' is '{name}', the name of a built-in tool; choose another.");
        }

        var method = RequiredText(item, path, "method").ToUpperInvariant();
        if (!WebhookRules.Methods.Contains(method))
        {
            throw ApiException.Unprocessable($"'{path}.method' must be one of {string.Join(", ", WebhookRules.Methods)}.");
        }

        var url = RequiredText(item, path, "url");
        if ((WebhookUrlTemplate.Problem(url) ?? outbound.Problem(WebhookUrlTemplate.Origin(url))) is { } problem)
        {
            throw ApiException.Unprocessable($"'{path}.url' {problem}.");
        }

        var parameters = Parameters(item, path);
        Placeholders(url, parameters, path);
        return new AgentWebhook
        {
            Name = name,
            Description = OptionalText(item, path, "description", MaxDescriptionChars),
            Method = method,
            Url = url,
            Parameters = parameters,
            Headers = HeaderChanges.Read(item, path),
            TimeoutMs = TimeoutMs(item, path),
        };
    }

    private static string RequiredText(JsonElement item, string path, string field)
    {
        if (!item.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw ApiException.Unprocessable($"'{path}.{field}' is required.");
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw ApiException.BadRequest($"'{path}.{field}' must be a string.");
    }

    private static string? OptionalText(JsonElement item, string path, string field, int maxChars)
    {
        if (!item.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw ApiException.BadRequest($"'{path}.{field}' must be a string or null.");
        }

        var text = value.GetString()!;
        return text.Length <= maxChars ? text : throw ApiException.Unprocessable($"'{path}.{field}' is longer than {maxChars} characters.");
    }

    /// <summary>The argument schema: an object schema, or one taking no arguments when absent.</summary>
    private static JsonElement Parameters(JsonElement item, string path)
    {
        if (!item.TryGetProperty("parameters", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return AgentWebhook.NoParameters;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest($"'{path}.parameters' must be a JSON Schema object or null.");
        }

        if (value.TryGetProperty("type", out var type) && !(type.ValueKind == JsonValueKind.String && type.GetString() == "object"))
        {
            throw ApiException.Unprocessable($"'{path}.parameters' must describe an object: its 'type' must be \"object\".");
        }

        if (value.TryGetProperty("properties", out var properties) && properties.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.Unprocessable($"'{path}.parameters.properties' must be an object.");
        }

        return value.Clone();
    }

    /// <summary>Every URL placeholder must be an argument the schema declares, or the model could never fill it.</summary>
    private static void Placeholders(string url, JsonElement parameters, string path)
    {
        var declared = parameters.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var placeholder in WebhookUrlTemplate.Placeholders(url).Where(p => !declared.Contains(p)))
        {
            throw ApiException.Unprocessable($"'{path}.url' has the placeholder '{{{placeholder}}}', which '{path}.parameters.properties' does not declare.");
        }
    }

    private static int TimeoutMs(JsonElement item, string path)
    {
        if (!item.TryGetProperty("timeout_ms", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return AgentWebhook.DefaultTimeoutMs;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw ApiException.BadRequest($"'{path}.timeout_ms' must be a number or null.");
        }

        return value.TryGetInt32(out var timeout) && timeout is >= 1 and <= AgentWebhook.MaxTimeoutMs
            ? timeout
            : throw ApiException.Unprocessable($"'{path}.timeout_ms' must be a whole number from 1 to {AgentWebhook.MaxTimeoutMs}.");
    }
}

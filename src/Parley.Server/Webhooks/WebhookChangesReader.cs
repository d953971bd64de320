using System.Text.Json;
using Parley.Server.Api;
using Parley.Tools.Outbound;

namespace Parley.Server.Webhooks;

/// <summary>Reads and checks a webhook's <c>url</c>, <c>events</c> and <c>enabled</c>: 400 for a wrong JSON type, 422 for a value Parley refuses.</summary>
internal static class WebhookChangesReader
{
    private const int MaxUrlChars = 2048;

    /// <summary>The URL, checked as outbound calls are: http(s), no credentials, no internal address unless allowed.</summary>
    public static string Url(JsonElement value, OutboundAddressGuard outbound)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw ApiException.BadRequest("'url' must be a string.");
        }

        var text = value.GetString()!.Trim();
        if (text.Length is 0 or > MaxUrlChars || !Uri.TryCreate(text, UriKind.Absolute, out var url))
        {
            throw ApiException.Unprocessable($"'url' must be an absolute URL of at most {MaxUrlChars} characters.");
        }

        return outbound.Problem(url) is { } problem ? throw ApiException.Unprocessable($"'url' {problem}.") : url.ToString();
    }

    /// <summary>The events subscribed to: one or more known event types, each once.</summary>
    public static IReadOnlyList<string> Events(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest("'events' must be an array of event types.");
        }

        var events = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            var name = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw ApiException.BadRequest("Each of 'events' must be a string.");
            if (!WebhookEventTypes.IsKnown(name))
            {
                throw ApiException.Unprocessable($"Unknown event type '{name}'; known: {string.Join(", ", WebhookEventTypes.All)}.");
            }

            if (!events.Contains(name, StringComparer.Ordinal))
            {
                events.Add(name);
            }
        }

        return events.Count > 0 ? events : throw ApiException.Unprocessable("'events' must name at least one event type.");
    }

    public static bool Enabled(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw ApiException.BadRequest("'enabled' must be true or false."),
    };

    /// <summary>A property of the body that must be there.</summary>
    public static JsonElement Required(JsonElement body, string name)
        => body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : throw ApiException.Unprocessable($"'{name}' is required.");
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Tools.Webhooks;

/// <summary>Reads a webhook's response for the model: at most a set number of bytes, as JSON when it is JSON, as text otherwise.</summary>
internal static class WebhookResponseReader
{
    /// <summary>The body's first <paramref name="maxBytes"/> bytes as text, and whether there was more.</summary>
    public static async Task<(string Text, bool Truncated)> ReadTextAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // One byte more than kept tells whether the body went on; nothing past it is read.
        var buffer = new byte[maxBytes + 1];
        var read = 0;
        int count;
        while (read < buffer.Length && (count = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += count;
        }

        var truncated = read > maxBytes;
        var kept = Math.Min(read, maxBytes);
        if (truncated)
        {
            // Do not cut a UTF-8 character in half: step back over its continuation bytes.
            while (kept > 0 && (buffer[kept] & 0xC0) == 0x80)
            {
                kept--;
            }
        }

        return (Encoding.UTF8.GetString(buffer, 0, kept), truncated);
    }

    /// <summary>The result handed to the model: the status, and the body as JSON when it is whole JSON, else as text.</summary>
    public static JsonElement Result(int status, string? mediaType, string text, bool truncated)
    {
        var result = new JsonObject { ["status"] = status };
        result["body"] = !truncated && IsJson(mediaType) && TryParse(text) is { } json ? json : JsonValue.Create(text);
        if (truncated)
        {
            result["truncated"] = true;
        }

        return JsonSerializer.SerializeToElement(result, WebhookJsonContext.Default.JsonObject);
    }

    private static bool IsJson(string? mediaType)
        => mediaType is not null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

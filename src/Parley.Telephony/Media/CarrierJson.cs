using System.Buffers;
using System.Text.Json;

namespace Parley.Telephony.Media;

/// <summary>Small helpers the carrier formats share to read and write their JSON frames.</summary>
internal static class CarrierJson
{
    /// <summary>A string property, or null when absent or not a string.</summary>
    public static string? String(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An object property, or null.</summary>
    public static JsonElement? Object(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    /// <summary>A number property (or a number written as a string, as carriers do), or null.</summary>
    public static long? Number(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(value.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }

    /// <summary>An object of string values (custom parameters); values that are not strings are left out.</summary>
    public static IReadOnlyDictionary<string, string> Strings(JsonElement? element)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element is { ValueKind: JsonValueKind.Object } found)
        {
            foreach (var property in found.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    values[property.Name] = property.Value.GetString()!;
                }
            }
        }

        return values;
    }

    /// <summary>Base64 text decoded, or null when it is not base64.</summary>
    public static byte[]? Base64(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var bytes = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, bytes, out var written) ? bytes[..written] : null;
    }

    /// <summary>Writes one JSON object.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses a frame, or says why it cannot be.</summary>
    public static JsonDocument? Parse(ReadOnlySpan<byte> utf8, out string? problem)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                problem = "not a JSON object";
                return null;
            }

            problem = null;
            return document;
        }
        catch (JsonException ex)
        {
            problem = $"not JSON ({ex.Message})";
            return null;
        }
    }
}

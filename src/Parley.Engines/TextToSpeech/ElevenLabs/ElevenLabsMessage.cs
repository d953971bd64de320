using System.Text.Json;

namespace Parley.Engines.TextToSpeech.ElevenLabs;

/// <summary>One message from the stream-input API: audio with its alignment, the final marker, or an error.</summary>
/// <param name="Audio">PCM16 bytes (empty when the message has none).</param>
/// <param name="IsFinal">The generation is complete (<c>isFinal: true</c>).</param>
/// <param name="Alignment">The character timings of the input text (<c>alignment</c>), else of the normalised text (<c>normalizedAlignment</c>).</param>
/// <param name="Error">The error the server reported, if any.</param>
/// <param name="ErrorCode">Its code, when given.</param>
internal sealed record ElevenLabsMessage(byte[] Audio, bool IsFinal, CharacterAlignment? Alignment, string? Error, int? ErrorCode)
{
    /// <summary>Reads a message.</summary>
    /// <exception cref="JsonException">It is not the JSON the API documents.</exception>
    /// <exception cref="FormatException">Its audio is not base64.</exception>
    public static ElevenLabsMessage Parse(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a message is not a JSON object");
        }

        if (root.TryGetProperty("error", out var error) && error.ValueKind is not JsonValueKind.Null)
        {
            var message = root.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
            var code = root.TryGetProperty("code", out var number) && number.ValueKind == JsonValueKind.Number ? number.GetInt32() : (int?)null;
            var name = error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText();
            return new ElevenLabsMessage([], IsFinal: false, Alignment: null, message is null ? name : $"{name}: {message}", code);
        }

        var audio = root.TryGetProperty("audio", out var encoded) && encoded.ValueKind == JsonValueKind.String
            ? Convert.FromBase64String(encoded.GetString()!)
            : [];
        if (audio.Length % 2 != 0)
        {
            throw new JsonException("audio holds an odd number of bytes, which is not PCM16");
        }

        var isFinal = root.TryGetProperty("isFinal", out var final) && final.ValueKind == JsonValueKind.True;
        var alignment = ReadAlignment(root, "alignment") ?? ReadAlignment(root, "normalizedAlignment");
        return new ElevenLabsMessage(audio, isFinal, alignment, Error: null, ErrorCode: null);
    }

    private static CharacterAlignment? ReadAlignment(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var alignment) || alignment.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var chars = Strings(alignment, "chars", name);
        var starts = Numbers(alignment, "charStartTimesMs", name);
        // The API has written both spellings; the current reference says charDurationsMs.
        var durations = alignment.TryGetProperty("charDurationsMs", out _)
            ? Numbers(alignment, "charDurationsMs", name)
            : Numbers(alignment, "charsDurationsMs", name);
        if (starts.Count != chars.Count || durations.Count != chars.Count)
        {
            throw new JsonException($"{name} has {chars.Count} chars, {starts.Count} start times and {durations.Count} durations");
        }

        return new CharacterAlignment(chars, starts, durations);
    }

    private static List<string> Strings(JsonElement alignment, string property, string owner)
        => Array(alignment, property, owner).Select(e => e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw new JsonException($"{owner}.{property} holds a {e.ValueKind}")).ToList();

    private static List<double> Numbers(JsonElement alignment, string property, string owner)
        => Array(alignment, property, owner).Select(e => e.ValueKind == JsonValueKind.Number
            ? e.GetDouble()
            : throw new JsonException($"{owner}.{property} holds a {e.ValueKind}")).ToList();

    private static JsonElement.ArrayEnumerator Array(JsonElement alignment, string property, string owner)
        => alignment.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : throw new JsonException($"{owner} has no {property} array");
}

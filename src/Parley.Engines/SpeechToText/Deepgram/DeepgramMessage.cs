using System.Text.Json;

namespace Parley.Engines.SpeechToText.Deepgram;

/// <summary>What the engine reads from one message of Deepgram's live API; times are seconds of audio since the connection opened.</summary>
internal sealed record DeepgramMessage(DeepgramMessageKind Kind)
{
    /// <summary>Results: <c>channel.alternatives[0].transcript</c>.</summary>
    public string Transcript { get; init; } = "";

    /// <summary>Results: the words of this stretch of audio will not change (<c>is_final</c>).</summary>
    public bool IsFinal { get; init; }

    /// <summary>Results: Deepgram's endpointing heard the speaker stop (<c>speech_final</c>).</summary>
    public bool SpeechFinal { get; init; }

    /// <summary>Results: the answer to <c>Finalize</c> (<c>from_finalize</c>).</summary>
    public bool FromFinalize { get; init; }

    /// <summary>Results: where the transcribed stretch starts (<c>start</c>).</summary>
    public double Start { get; init; }

    /// <summary>Results: how long it is (<c>duration</c>).</summary>
    public double Duration { get; init; }

    /// <summary>UtteranceEnd: the end of the last word (<c>last_word_end</c>).</summary>
    public double LastWordEnd { get; init; }

    /// <summary>Error: what Deepgram said (<c>description</c>, <c>message</c>, <c>variant</c>).</summary>
    public string? Description { get; init; }

    /// <summary>Reads a message.</summary>
    /// <exception cref="JsonException">It is not the JSON the API documents.</exception>
    public static DeepgramMessage Parse(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a message is not a JSON object");
        }

        var type = root.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
        return type switch
        {
            "Results" => ReadResults(root),
            "UtteranceEnd" => new DeepgramMessage(DeepgramMessageKind.UtteranceEnd) { LastWordEnd = Number(root, "last_word_end") },
            "SpeechStarted" => new DeepgramMessage(DeepgramMessageKind.SpeechStarted) { Start = Number(root, "timestamp") },
            "Metadata" => new DeepgramMessage(DeepgramMessageKind.Metadata),
            "Error" => new DeepgramMessage(DeepgramMessageKind.Error)
            {
                Description = string.Join(": ", new[] { "variant", "message", "description" }
                    .Select(p => root.TryGetProperty(p, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null)
                    .Where(s => !string.IsNullOrWhiteSpace(s))),
            },
            null => throw new JsonException("a message has no type"),
            _ => new DeepgramMessage(DeepgramMessageKind.Other),
        };
    }

    private static DeepgramMessage ReadResults(JsonElement root)
    {
        if (!root.TryGetProperty("channel", out var channel) || channel.ValueKind != JsonValueKind.Object
            || !channel.TryGetProperty("alternatives", out var alternatives) || alternatives.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("Results has no channel.alternatives");
        }

        var transcript = alternatives.GetArrayLength() > 0
            && alternatives[0].TryGetProperty("transcript", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()!.Trim()
            : "";
        return new DeepgramMessage(DeepgramMessageKind.Results)
        {
            Transcript = transcript,
            IsFinal = Flag(root, "is_final"),
            SpeechFinal = Flag(root, "speech_final"),
            FromFinalize = Flag(root, "from_finalize"),
            Start = Number(root, "start"),
            Duration = Number(root, "duration"),
        };
    }

    private static bool Flag(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static double Number(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new JsonException($"a message has no number '{name}'");
}

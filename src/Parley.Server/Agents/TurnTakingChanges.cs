using System.Text.Json;
using Parley.Server.Api;
using Parley.Storage.Agents;

namespace Parley.Server.Agents;

/// <summary>Reads an agent's <c>turn_taking</c> object: each field an integer (or boolean, or string) in range, or null for the default.</summary>
internal static class TurnTakingChanges
{
    private const string Field = "turn_taking";
    private const int MaxPromptChars = 500;

    public static AgentTurnTaking? Read(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest($"'{Field}' must be an object or null.");
        }

        var settings = new AgentTurnTaking();
        foreach (var property in value.EnumerateObject())
        {
            var v = property.Value;
            settings = property.Name switch
            {
                "endpoint_silence_ms" => settings with { EndpointSilenceMs = Integer(v, property.Name, 100, 5_000) },
                "endpoint_silence_incomplete_ms" => settings with { EndpointSilenceIncompleteMs = Integer(v, property.Name, 100, 10_000) },
                "barge_in_min_speech_ms" => settings with { BargeInMinSpeechMs = Integer(v, property.Name, 0, 5_000) },
                "barge_in_min_words" => settings with { BargeInMinWords = Integer(v, property.Name, 1, 20) },
                "backchannels_interrupt" => settings with { BackchannelsInterrupt = Flag(v, property.Name) },
                "idle_prompt_after_ms" => settings with { IdlePromptAfterMs = IdleDelay(v) },
                "idle_prompt" => settings with { IdlePrompt = Prompt(v) },
                _ => throw ApiException.Unprocessable($"Unknown field '{Field}.{property.Name}'."),
            };
        }

        if (settings is { EndpointSilenceMs: { } finished, EndpointSilenceIncompleteMs: { } unfinished } && unfinished < finished)
        {
            throw ApiException.Unprocessable($"'{Field}.endpoint_silence_incomplete_ms' cannot be shorter than '{Field}.endpoint_silence_ms'.");
        }

        return settings;
    }

    private static int? Integer(JsonElement value, string name, int min, int max)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw ApiException.BadRequest($"'{Field}.{name}' must be an integer or null.");
        }

        return number >= min && number <= max ? number : throw ApiException.Unprocessable($"'{Field}.{name}' must be between {min} and {max}.");
    }

    private static int? IdleDelay(JsonElement value)
    {
        var delay = Integer(value, "idle_prompt_after_ms", 0, 600_000);
        return delay is > 0 and < 3_000
            ? throw ApiException.Unprocessable($"'{Field}.idle_prompt_after_ms' must be 0 (off) or at least 3000.")
            : delay;
    }

    private static bool? Flag(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw ApiException.BadRequest($"'{Field}.{name}' must be a boolean or null."),
    };

    private static string? Prompt(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String
            ? value.GetString()!.Trim()
            : throw ApiException.BadRequest($"'{Field}.idle_prompt' must be a string or null.");
        return text.Length is > 0 and <= MaxPromptChars
            ? text
            : throw ApiException.Unprocessable($"'{Field}.idle_prompt' must be 1 to {MaxPromptChars} characters.");
    }
}

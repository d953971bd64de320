using System.Globalization;

namespace Parley.Testing.Providers;

/// <summary>The <c>/v1/listen</c> query as the loopback server reads it; what Parley must send is checked exactly.</summary>
internal sealed record DeepgramListenSettings(string Model, TimeSpan Endpointing, TimeSpan UtteranceEnd, bool VadEvents)
{
    private static readonly Dictionary<string, string?> Required = new()
    {
        ["encoding"] = "linear16",
        ["sample_rate"] = "16000",
        ["channels"] = "1",
        ["interim_results"] = "true",
        ["vad_events"] = "true",
        ["model"] = null,
        ["endpointing"] = null,
        ["utterance_end_ms"] = null,
    };

    private static readonly HashSet<string> Optional = ["language", "smart_format", "punctuate", "keyterm", "keywords", "diarize", "filler_words", "numerals", "profanity_filter", "tag"];

    public static DeepgramListenSettings Read(IReadOnlyDictionary<string, string> query, Action<string> violation)
    {
        foreach (var (name, expected) in Required)
        {
            if (!query.TryGetValue(name, out var value))
            {
                violation($"the query lacks {name}");
            }
            else if (expected is not null && value != expected)
            {
                violation($"the query has {name}={value}, where Parley's audio needs {expected}");
            }
        }

        foreach (var name in query.Keys.Where(k => !Required.ContainsKey(k) && !Optional.Contains(k)))
        {
            violation($"the query has the unknown parameter {name}");
        }

        if (query.TryGetValue("smart_format", out var smart) && smart is not ("true" or "false"))
        {
            violation($"smart_format={smart} is not a boolean");
        }

        return new DeepgramListenSettings(
            query.GetValueOrDefault("model") ?? "nova-3",
            TimeSpan.FromMilliseconds(Milliseconds(query, "endpointing", 10, violation)),
            TimeSpan.FromMilliseconds(Milliseconds(query, "utterance_end_ms", 1000, violation)),
            query.GetValueOrDefault("vad_events") == "true");
    }

    private static int Milliseconds(IReadOnlyDictionary<string, string> query, string name, int fallback, Action<string> violation)
    {
        if (!query.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        violation($"{name}={text} is not a whole number of milliseconds");
        return fallback;
    }
}

using System.Globalization;

namespace Parley.Testing.Providers;

/// <summary>Checks the stream-input query; returns the PCM rate asked for.</summary>
internal static class ElevenLabsQuery
{
    private static readonly HashSet<string> Known =
    [
        "model_id", "output_format", "language_code", "enable_logging", "enable_ssml_parsing", "optimize_streaming_latency",
        "inactivity_timeout", "sync_alignment", "auto_mode", "apply_text_normalization", "seed",
    ];

    public static int Check(IReadOnlyDictionary<string, string> query, Action<string> violation)
    {
        foreach (var name in query.Keys.Where(k => !Known.Contains(k)))
        {
            violation($"the query has the unknown parameter {name}");
        }

        if (!query.ContainsKey("model_id"))
        {
            violation("the query lacks model_id");
        }

        foreach (var flag in new[] { "sync_alignment", "auto_mode", "enable_logging" })
        {
            if (query.TryGetValue(flag, out var value) && value is not ("true" or "false"))
            {
                violation($"{flag}={value} is not a boolean");
            }
        }

        var format = query.GetValueOrDefault("output_format") ?? "mp3_44100_128";
        if (format.StartsWith("pcm_", StringComparison.Ordinal)
            && int.TryParse(format.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var rate)
            && rate is 8000 or 16000 or 22050 or 24000 or 44100 or 48000)
        {
            return rate;
        }

        violation($"output_format={format}; this server speaks raw PCM only (pcm_16000, pcm_22050, pcm_24000, pcm_44100)");
        return 24000;
    }
}

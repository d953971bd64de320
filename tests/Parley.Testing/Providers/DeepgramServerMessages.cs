using System.Text.Json;

namespace Parley.Testing.Providers;

/// <summary>The messages Deepgram's live API sends, in its documented shapes; times are seconds of audio since the connection opened.</summary>
internal static class DeepgramServerMessages
{
    private static readonly string ModelUuid = Guid.NewGuid().ToString();

    public static string Results(string model, double start, double duration, string transcript, bool isFinal, bool speechFinal, bool fromFinalize)
    {
        var words = transcript.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var each = words.Length == 0 ? 0 : duration / words.Length;
        return JsonSerializer.Serialize(new
        {
            type = "Results",
            channel_index = new[] { 0, 1 },
            duration,
            start,
            is_final = isFinal,
            speech_final = speechFinal,
            channel = new
            {
                alternatives = new[]
                {
                    new
                    {
                        transcript,
                        confidence = words.Length == 0 ? 0.0 : 0.98,
                        words = words.Select((w, i) => new
                        {
                            word = w.ToLowerInvariant(),
                            start = start + (i * each),
                            end = start + ((i + 1) * each),
                            confidence = 0.98,
                            punctuated_word = w,
                        }).ToArray(),
                    },
                },
            },
            metadata = new
            {
                request_id = Guid.NewGuid().ToString(),
                model_info = new { name = $"general-{model}", version = "2025-01-01.0", arch = model },
                model_uuid = ModelUuid,
            },
            from_finalize = fromFinalize,
        });
    }

    public static string SpeechStarted(double timestamp)
        => JsonSerializer.Serialize(new { type = "SpeechStarted", channel = new[] { 0, 1 }, timestamp });

    public static string UtteranceEnd(double lastWordEnd)
        => JsonSerializer.Serialize(new { channel = new[] { 0, 1 }, last_word_end = lastWordEnd, type = "UtteranceEnd" });

    public static string Metadata(string model, double duration, byte[] audioHash)
        => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = "Metadata",
            ["transaction_key"] = "deprecated",
            ["request_id"] = Guid.NewGuid().ToString(),
            ["sha256"] = Convert.ToHexStringLower(audioHash),
            ["created"] = DateTimeOffset.UtcNow.ToString("O"),
            ["duration"] = duration,
            ["channels"] = 1,
            ["models"] = new[] { ModelUuid },
            ["model_info"] = new Dictionary<string, object> { [ModelUuid] = new { name = $"general-{model}", version = "2025-01-01.0", arch = model } },
        });
}

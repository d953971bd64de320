using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Engines.TextToSpeech.ElevenLabs;

/// <summary>The three messages a request sends: the opening one (a space and the voice settings), the text with <c>flush</c>, and the empty text that ends the input.</summary>
internal static class ElevenLabsRequestMessages
{
    /// <summary><c>{"text":" ","voice_settings":{…}}</c>: the API asks for a single space first.</summary>
    public static string Open(ElevenLabsSynthesizerOptions options) => Write(json =>
    {
        json.WriteString("text", " ");
        json.WriteStartObject("voice_settings");
        json.WriteNumber("stability", options.Stability);
        json.WriteNumber("similarity_boost", options.SimilarityBoost);
        if (options.Speed is { } speed)
        {
            json.WriteNumber("speed", speed);
        }

        json.WriteEndObject();
    });

    /// <summary><c>{"text":"… ","flush":true}</c>: the sentence, ending with the single space the API asks for, generated at once.</summary>
    public static string Text(string text) => Write(json =>
    {
        json.WriteString("text", text.Trim() + " ");
        json.WriteBoolean("flush", true);
    });

    /// <summary><c>{"text":""}</c>: no more input; the server finishes, sends <c>isFinal</c> and closes.</summary>
    public const string Close = """{"text":""}""";

    /// <summary>The stream-input URL for a voice and model.</summary>
    public static Uri Url(ElevenLabsSynthesizerOptions options, string voiceId, string model)
    {
        var url = new StringBuilder(options.BaseUrl.TrimEnd('/'))
            .Append("/text-to-speech/").Append(Uri.EscapeDataString(voiceId)).Append("/stream-input")
            .Append("?model_id=").Append(Uri.EscapeDataString(model))
            .Append("&output_format=pcm_").Append(options.SampleRate.ToString(CultureInfo.InvariantCulture))
            // Timings with every audio chunk, not later; whole sentences are sent, so no server-side text buffering.
            .Append("&sync_alignment=true&auto_mode=true");
        return new Uri(url.ToString());
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

using System.Globalization;
using System.Text;

namespace Parley.Engines.SpeechToText.Deepgram;

/// <summary>The <c>/listen</c> URL: the audio's format (16 kHz linear16 mono) and the features the engine reads.</summary>
internal static class DeepgramListenUrl
{
    public static Uri Build(DeepgramRecognizerOptions options, string model, string? language)
    {
        var url = new StringBuilder(options.BaseUrl.TrimEnd('/'))
            .Append("/listen?encoding=linear16&sample_rate=").Append(DeepgramRecognizer.SampleRate.ToString(CultureInfo.InvariantCulture))
            .Append("&channels=1&model=").Append(Uri.EscapeDataString(model));
        if (!string.IsNullOrWhiteSpace(language))
        {
            url.Append("&language=").Append(Uri.EscapeDataString(language));
        }

        url.Append("&interim_results=true")
            .Append("&endpointing=").Append(Milliseconds(options.Endpointing))
            .Append("&utterance_end_ms=").Append(Milliseconds(options.UtteranceEnd))
            .Append("&vad_events=true")
            .Append("&smart_format=").Append(options.SmartFormat ? "true" : "false");
        return new Uri(url.ToString());
    }

    private static string Milliseconds(TimeSpan span) => ((int)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}

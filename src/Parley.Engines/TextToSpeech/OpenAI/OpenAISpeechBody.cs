using System.ClientModel;
using System.Text.Json;

namespace Parley.Engines.TextToSpeech.OpenAI;

/// <summary>The JSON body of <c>POST /audio/speech</c> asking for raw PCM (24 kHz, 16-bit, mono).</summary>
internal static class OpenAISpeechBody
{
    public static BinaryContent Create(string model, string text, string voice)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteString("input", text);
            json.WriteString("voice", voice);
            json.WriteString("response_format", "pcm");
            json.WriteEndObject();
        }

        return BinaryContent.Create(new BinaryData(buffer.ToArray()));
    }
}

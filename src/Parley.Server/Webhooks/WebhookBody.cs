using System.Text;
using System.Text.Json;

namespace Parley.Server.Webhooks;

/// <summary>The JSON body of one delivery attempt, as the SDK's <c>WebhookEvent</c>: <c>{"id", "event_type", "data", "timestamp"}</c>.</summary>
internal static class WebhookBody
{
    /// <summary>The body's bytes; <paramref name="dataJson"/> goes in as stored, <paramref name="timestamp"/> is this attempt's.</summary>
    public static byte[] Write(string eventId, string eventType, string dataJson, DateTimeOffset timestamp)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", eventId);
            json.WriteString("event_type", eventType);
            json.WritePropertyName("data");
            json.WriteRawValue(Encoding.UTF8.GetBytes(dataJson), skipInputValidation: false);
            json.WriteNumber("timestamp", timestamp.ToUnixTimeSeconds());
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

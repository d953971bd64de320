using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;

namespace Parley.Protocol.Serialization;

/// <summary>Reads and writes <c>/ws/voice</c> frames; shared by the server, the SDK and the tests.</summary>
public static class VoiceMessageCodec
{
    private static readonly ProtocolJsonContext Json = ProtocolJsonContext.Default;

    /// <summary>Writes a message as one UTF-8 JSON frame.</summary>
    public static byte[] Serialize(VoiceMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", message.Type);
            switch (message)
            {
                case StartMessage m: WritePayload(writer, m.Payload, Json.StartPayload); break;
                case AudioMessage m: WritePayload(writer, m.Payload, Json.AudioPayload); break;
                case TextMessage m: WritePayload(writer, m.Payload, Json.TextPayload); break;
                case StartedMessage m: WritePayload(writer, m.Payload, Json.StartedPayload); break;
                case TranscriptMessage m: WritePayload(writer, m.Payload, Json.TranscriptPayload); break;
                case ToolCallMessage m: WritePayload(writer, m.Payload, Json.ToolCallPayload); break;
                case CitationMessage m: WritePayload(writer, m.Payload, Json.CitationPayload); break;
                case ErrorMessage m: WritePayload(writer, m.Payload, Json.ErrorPayload); break;
                case EndedMessage m: WritePayload(writer, m.Payload, Json.EndedPayload); break;
                default: break; // Payload-less frames.
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads one frame.</summary>
    /// <exception cref="VoiceProtocolException">Not JSON, no <c>type</c>, an unknown type or a payload of the wrong shape.</exception>
    public static VoiceMessage Deserialize(ReadOnlyMemory<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span))
        {
            throw Invalid("Frame is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException ex)
        {
            // Not ex.Message: it quotes the offending token, which may be the rest of the frame.
            throw Invalid($"Frame is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                throw NotUnicode();
            }
        }
    }

    private static VoiceMessage Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("Frame must be a JSON object with a \"type\".");
        }

        if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw Invalid("Frame has no string \"type\".");
        }

        var type = typeElement.GetString()!;
        var hasPayload = root.TryGetProperty("payload", out var payload) && payload.ValueKind != JsonValueKind.Null;
        try
        {
            return type switch
            {
                MessageTypes.Start => new StartMessage(Finite(hasPayload ? Read(payload, Json.StartPayload, type) : new StartPayload())),
                MessageTypes.Audio => new AudioMessage(Require(hasPayload, payload, Json.AudioPayload, type)),
                MessageTypes.Text => new TextMessage(Require(hasPayload, payload, Json.TextPayload, type)),
                MessageTypes.Interrupt => InterruptMessage.Instance,
                MessageTypes.Stop => StopMessage.Instance,
                MessageTypes.Started => new StartedMessage(Require(hasPayload, payload, Json.StartedPayload, type)),
                MessageTypes.Ready => ReadyMessage.Instance,
                MessageTypes.Transcript => new TranscriptMessage(Require(hasPayload, payload, Json.TranscriptPayload, type)),
                MessageTypes.ToolCall => new ToolCallMessage(Require(hasPayload, payload, Json.ToolCallPayload, type)),
                MessageTypes.Citation => new CitationMessage(Require(hasPayload, payload, Json.CitationPayload, type)),
                MessageTypes.Interrupted => InterruptedMessage.Instance,
                MessageTypes.Error => new ErrorMessage(Require(hasPayload, payload, Json.ErrorPayload, type)),
                MessageTypes.Ended => new EndedMessage(Finite(Require(hasPayload, payload, Json.EndedPayload, type))),
                _ => throw Invalid($"Unknown message type \"{Quote(type)}\"."),
            };
        }
        catch (JsonException ex) when (ex.InnerException is InvalidOperationException)
        {
            throw NotUnicode();
        }
        catch (JsonException ex)
        {
            // The path names the field (a known one: unknown fields are skipped); the message could quote the value.
            throw Invalid($"Payload of \"{type}\" has the wrong shape at {Quote(ex.Path ?? "$")}.");
        }
    }

    // JSON numbers past double's range (1e309) read as infinity, which no JSON can hold: such a frame could not be written back.
    private static StartPayload Finite(StartPayload start)
        => start.VoiceConfig?.SilenceDiscardRatio is { } ratio && !double.IsFinite(ratio)
            ? throw Invalid("\"silence_discard_ratio\" is out of range.")
            : start;

    private static EndedPayload Finite(EndedPayload ended)
        => double.IsFinite(ended.CreditsConsumed) ? ended : throw Invalid("\"credits_consumed\" is out of range.");

    private static void WritePayload<T>(Utf8JsonWriter writer, T payload, JsonTypeInfo<T> typeInfo)
    {
        writer.WritePropertyName("payload");
        JsonSerializer.Serialize(writer, payload, typeInfo);
    }

    private static T Require<T>(bool hasPayload, JsonElement payload, JsonTypeInfo<T> typeInfo, string type)
        where T : class
        => hasPayload ? Read(payload, typeInfo, type) : throw Invalid($"\"{type}\" needs a payload.");

    private static T Read<T>(JsonElement payload, JsonTypeInfo<T> typeInfo, string type)
        where T : class
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"Payload of \"{type}\" must be an object.");
        }

        return payload.Deserialize(typeInfo) ?? throw Invalid($"Payload of \"{type}\" is empty.");
    }

    private static VoiceProtocolException Invalid(string message) => new(ErrorCodes.InvalidMessage, message);

    // Escapes are decoded only as a string is read: "\ud800" alone is valid JSON but no valid text.
    private static VoiceProtocolException NotUnicode() => Invalid("Frame holds text that is not valid Unicode (an escaped lone surrogate).");

    /// <summary>Client text fit to echo in an error: at most <see cref="MaxQuotedChars"/> characters, so an error never grows with what the client sent.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= MaxQuotedChars ? text : string.Concat(text.AsSpan(0, MaxQuotedChars), "…");
    }

    /// <summary>Most characters of client text an error message repeats.</summary>
    public const int MaxQuotedChars = 40;
}

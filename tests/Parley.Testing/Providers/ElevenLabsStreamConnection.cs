using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Parley.Engines.Audio;

namespace Parley.Testing.Providers;

/// <summary>One stream-input connection: reads the input messages, speaks on <c>flush</c> and at the end of input.</summary>
internal sealed class ElevenLabsStreamConnection(
    ElevenLabsStreamServer server, WebSocket socket, HttpContext context, ElevenLabsRequestRecord record, int sampleRate, ServerFault? fault)
{
    private static readonly HashSet<string> FirstFields = ["text", "voice_settings", "generation_config", "pronunciation_dictionary_locators", "xi_api_key", "authorization"];
    private static readonly HashSet<string> TextFields = ["text", "flush", "try_trigger_generation", "voice_settings", "generation_config"];
    private static readonly HashSet<string> VoiceSettings = ["stability", "similarity_boost", "style", "use_speaker_boost", "speed"];

    private readonly StringBuilder _pending = new();
    private readonly List<SpokenWordTiming> _words = [];
    private readonly List<short> _audio = [];
    private int _sent;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var buffer = new ArrayBufferWriter<byte>();
            var first = true;
            while (true)
            {
                var text = await ReceiveTextAsync(buffer, cancellationToken);
                if (text is null)
                {
                    return;
                }

                record.Messages.Enqueue(text);
                var (input, flush) = Read(text, first);
                first = false;
                if (input is null)
                {
                    continue;
                }

                if (input.Length == 0)
                {
                    await SpeakAsync(cancellationToken);
                    if (await SendAsync("""{"isFinal":true}""", cancellationToken))
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                        await ReceiveTextAsync(buffer, cancellationToken);
                    }

                    return;
                }

                _pending.Append(input);
                if (flush)
                {
                    await SpeakAsync(cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
        }
    }

    private async Task<string?> ReceiveTextAsync(ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken);
            buffer.Advance(result.Count);
        }
        while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

        if (result.MessageType == WebSocketMessageType.Close)
        {
            return null;
        }

        if (result.MessageType == WebSocketMessageType.Binary)
        {
            server.Report("a binary message; the API takes JSON text");
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The text of an input message and its flush flag; null text when the message is not valid.</summary>
    private (string? Text, bool Flush) Read(string message, bool first)
    {
        try
        {
            using var json = JsonDocument.Parse(message);
            var root = json.RootElement;
            var allowed = first ? FirstFields : TextFields;
            foreach (var property in root.EnumerateObject().Where(p => !allowed.Contains(p.Name)))
            {
                server.Report($"a {(first ? "first" : "text")} message had the unknown field '{property.Name}'");
            }

            if (root.TryGetProperty("voice_settings", out var settings))
            {
                foreach (var property in settings.EnumerateObject().Where(p => !VoiceSettings.Contains(p.Name) || p.Value.ValueKind is not (JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)))
                {
                    server.Report($"voice_settings had '{property.Name}': {property.Value.GetRawText()}");
                }
            }

            var text = root.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (text is null)
            {
                server.Report($"a message without text: {message}");
                return (null, false);
            }

            if (first)
            {
                if (text != " ")
                {
                    server.Report($"the first message's text was '{text}', where the API asks for a single space");
                }

                return (null, false);
            }

            if (text.Length > 0 && !text.EndsWith(' '))
            {
                server.Report($"the text '{text}' does not end with a space, as the API asks");
            }

            return (text, root.TryGetProperty("flush", out var flush) && flush.ValueKind == JsonValueKind.True);
        }
        catch (JsonException ex)
        {
            server.Report($"a message that is not JSON: {ex.Message}");
            return (null, false);
        }
    }

    private async Task SpeakAsync(CancellationToken cancellationToken)
    {
        var text = _pending.ToString();
        _pending.Clear();
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (server.FirstAudioDelay > TimeSpan.Zero && _sent == 0)
        {
            await Task.Delay(server.FirstAudioDelay, cancellationToken);
        }

        var speech = new ElevenLabsSpeech(text, sampleRate);
        var offset = TimeSpan.FromSeconds(_audio.Count / (double)sampleRate);
        _words.AddRange(speech.Words.Select(w => w with { Start = w.Start + offset }));
        record.Words = [.. _words];
        foreach (var (audio, chars, starts, durations) in speech.Messages(server.WordsPerMessage, server.SplitWordsAcrossMessages))
        {
            _audio.AddRange(audio);
            record.Audio = [.. _audio];
            var alignment = new { chars, charStartTimesMs = starts, charDurationsMs = durations };
            var message = JsonSerializer.Serialize(new
            {
                audio = Convert.ToBase64String(Pcm16.ToBytes(audio)),
                isFinal = (bool?)null,
                normalizedAlignment = alignment,
                alignment,
            });
            if (!await SendAsync(message, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Sends a message unless the fault says otherwise; false once the connection is done for.</summary>
    private async Task<bool> SendAsync(string message, CancellationToken cancellationToken)
    {
        if (fault?.Hold == true || (fault?.StallAfter is { } stall && _sent >= stall))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (fault?.DropAfter is { } drop && _sent >= drop)
        {
            context.Abort();
            return false;
        }

        if (fault?.CloseStatus is { } status && _sent >= fault.CloseAfter)
        {
            if (fault.CloseReason is { } reason && status == 1008)
            {
                await SendRawAsync(JsonSerializer.Serialize(new { message = reason, error = "policy_violation", code = status }), cancellationToken);
            }

            await socket.CloseOutputAsync((WebSocketCloseStatus)status, fault.CloseReason, cancellationToken);
            return false;
        }

        await SendRawAsync(fault?.Malformed == true ? "{\"audio\": \"AAAA\", \"isFinal\": " : message, cancellationToken);
        _sent++;
        return true;
    }

    private Task SendRawAsync(string message, CancellationToken cancellationToken)
        => socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
}

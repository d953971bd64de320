using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Parley.Engines.Audio;
using Parley.Testing.Speech;

namespace Parley.Testing.Providers;

public sealed partial class OpenAIAudioServer
{
    private static readonly HashSet<string> SpeechFields = ["model", "input", "voice", "response_format", "speed", "instructions", "stream_format"];

    /// <summary>Bytes of PCM written (and flushed) at a time; odd sizes split samples across writes, as a network may.</summary>
    public int SpeechChunkBytes { get; set; } = 4801;

    /// <summary>Waited between chunks of speech: a server that speaks as it synthesises.</summary>
    public TimeSpan ChunkDelay { get; set; }

    /// <summary>The speech requests received, in order.</summary>
    public IReadOnlyList<SpeechRequest> Speeches => [.. _speeches];

    /// <summary>The 24 kHz PCM the server sends for <paramref name="text"/> (Flite's rms voice, resampled).</summary>
    public static short[] SpeechFor(string text) => TestRecognition.Resample(TestSpeech.Say(text), 16000, 24000);

    private async Task SpeakAsync(HttpContext context)
    {
        if (!await AuthorisedAsync(context))
        {
            return;
        }

        SpeechRequest? request = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            request = ReadSpeechRequest(body.RootElement);
        }
        catch (JsonException ex)
        {
            Violation($"a speech request's body is not JSON: {ex.Message}");
        }

        if (request is null)
        {
            await ErrorAsync(context, 400, "Invalid request body.", "invalid_request_error", null);
            return;
        }

        _speeches.Enqueue(request);
        if (!await BeforeAnswerAsync(context, "{\"error\": null}"))
        {
            return;
        }

        var pcm = Pcm16.ToBytes(SpeechFor(request.Input));
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/octet-stream";
        await WriteSpeechAsync(context, pcm);
    }

    private SpeechRequest? ReadSpeechRequest(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            Violation("a speech request's body is not a JSON object");
            return null;
        }

        foreach (var property in body.EnumerateObject().Where(p => !SpeechFields.Contains(p.Name)))
        {
            Violation($"a speech request had the unknown field '{property.Name}'");
        }

        string? Text(string name) => body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var (model, input, voice, format) = (Text("model"), Text("input"), Text("voice"), Text("response_format"));
        if (model is null || string.IsNullOrEmpty(input) || input.Length > 4096 || voice is null)
        {
            Violation("a speech request lacked model, input (1–4096 characters) or voice");
            return null;
        }

        if (format != "pcm" || Text("stream_format") is "sse")
        {
            Violation($"a speech request asked for response_format '{format}' / stream_format '{Text("stream_format")}'; this server streams raw pcm");
            return null;
        }

        return new SpeechRequest(model, input, voice, format);
    }

    private async Task WriteSpeechAsync(HttpContext context, byte[] pcm)
    {
        var fault = Fault;
        var limit = fault?.StallAfter ?? fault?.DropAfter ?? pcm.Length;
        for (var offset = 0; offset < Math.Min(limit, pcm.Length); offset += SpeechChunkBytes)
        {
            if (offset > 0 && ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(ChunkDelay, context.RequestAborted);
            }

            var count = Math.Min(SpeechChunkBytes, Math.Min(limit, pcm.Length) - offset);
            await context.Response.Body.WriteAsync(pcm.AsMemory(offset, count), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        if (fault?.StallAfter is not null)
        {
            await HoldAsync(context);
        }
        else if (fault?.DropAfter is not null)
        {
            context.Abort();
        }
    }
}

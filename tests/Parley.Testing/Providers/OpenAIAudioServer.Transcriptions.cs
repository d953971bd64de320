using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Parley.Engines.Audio;
using Parley.Testing.Speech;

namespace Parley.Testing.Providers;

public sealed partial class OpenAIAudioServer
{
    private static readonly HashSet<string> TranscriptionFields =
        ["file", "model", "language", "prompt", "response_format", "temperature", "timestamp_granularities[]", "include[]", "stream", "chunking_strategy"];

    /// <summary>What the server says it heard; PocketSphinx's words when null.</summary>
    public Func<short[], string>? Transcript { get; set; }

    /// <summary>The transcription uploads received, in order.</summary>
    public IReadOnlyList<TranscriptionRequest> Transcriptions => [.. _transcriptions];

    private async Task TranscribeAsync(HttpContext context)
    {
        if (!await AuthorisedAsync(context))
        {
            return;
        }

        if (!context.Request.HasFormContentType || !context.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.Ordinal))
        {
            Violation($"a transcription request had Content-Type '{context.Request.ContentType}', not multipart/form-data");
            await ErrorAsync(context, 400, "Expected multipart/form-data.", "invalid_request_error", null);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        foreach (var field in form.Keys.Concat(form.Files.Select(f => f.Name)).Where(f => !TranscriptionFields.Contains(f)))
        {
            Violation($"a transcription request had the unknown field '{field}'");
        }

        var file = form.Files.GetFile("file");
        var model = form["model"].ToString();
        var format = form.TryGetValue("response_format", out var formatValue) ? formatValue.ToString() : null;
        if (file is null || model.Length == 0 || format is not (null or "json" or "verbose_json" or "text"))
        {
            Violation($"a transcription request lacked file or model, or asked for response_format '{format}'");
            await ErrorAsync(context, 400, "Missing file or model, or an unsupported response_format.", "invalid_request_error", null);
            return;
        }

        short[] samples;
        int rate;
        using (var upload = new MemoryStream())
        {
            await file.CopyToAsync(upload, context.RequestAborted);
            (samples, rate) = ReadWav(upload.ToArray(), file.FileName);
        }

        var language = form.TryGetValue("language", out var languageValue) ? languageValue.ToString() : null;
        _transcriptions.Enqueue(new TranscriptionRequest(model, language, format, file.FileName, samples, rate));
        if (!await BeforeAnswerAsync(context, """{"txet": 42"""))
        {
            return;
        }

        var text = Transcript?.Invoke(samples) ?? await TestRecognition.TranscribeAsync(samples, rate);
        await AnswerAsync(context, format ?? "json", text, samples.Length / (double)rate);
    }

    private (short[] Samples, int Rate) ReadWav(byte[] bytes, string fileName)
    {
        if (!fileName.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
        {
            Violation($"the uploaded file is named '{fileName}'; OpenAI infers the format from the extension");
        }

        try
        {
            return WavFile.Read(bytes, fileName);
        }
        catch (InvalidDataException ex)
        {
            Violation($"the upload is not a PCM16 mono WAV: {ex.Message}");
            return ([], 16000);
        }
    }

    private static async Task AnswerAsync(HttpContext context, string format, string text, double duration)
    {
        switch (format)
        {
            case "text":
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(text + "\n");
                break;
            case "verbose_json":
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    task = "transcribe",
                    language = "english",
                    duration,
                    text,
                    segments = text.Length == 0
                        ? []
                        : new[]
                        {
                            new
                            {
                                id = 0, seek = 0, start = 0.0, end = duration, text = " " + text, tokens = new[] { 50364 },
                                temperature = 0.0, avg_logprob = -0.2, compression_ratio = 1.1, no_speech_prob = 0.01,
                            },
                        },
                }));
                break;
            default:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(new { text }));
                break;
        }
    }
}

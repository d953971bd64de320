using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Parley.Testing.Providers;

/// <summary>
/// A loopback server speaking OpenAI's audio API: <c>POST /v1/audio/transcriptions</c> (multipart upload of a WAV;
/// <c>json</c>, <c>verbose_json</c> or <c>text</c> answers) and <c>POST /v1/audio/speech</c> (JSON body; raw 24 kHz PCM
/// streamed in chunks). It hears uploads with PocketSphinx (or says what <see cref="Transcript"/> says) and speaks with
/// Flite, and records where a client broke the format in <see cref="LoopbackServer.Violations"/>.
/// </summary>
public sealed partial class OpenAIAudioServer : LoopbackServer
{
    private OpenAIAudioServer(string apiKey) => ApiKey = apiKey;

    /// <summary>The key clients must send as <c>Authorization: Bearer</c>.</summary>
    public string ApiKey { get; }

    /// <summary>The base URL clients are given: <c>http://127.0.0.1:{port}/v1</c>.</summary>
    public string BaseUrl => new Uri(Address, "/v1").ToString();

    /// <summary>How the server misbehaves, for every request while set.</summary>
    public ServerFault? Fault { get; set; }

    /// <summary>Waited before answering each request: the provider's own latency.</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Started requests, for tests that wait for one to arrive.</summary>
    public int Requests => _requests;

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<OpenAIAudioServer> StartAsync(string apiKey = "sk-test")
    {
        var server = new OpenAIAudioServer(apiKey);
        await server.StartAsync(app =>
        {
            app.MapPost("/v1/audio/transcriptions", server.TranscribeAsync);
            app.MapPost("/v1/audio/speech", server.SpeakAsync);
        });
        return server;
    }

    private int _requests;

    /// <summary>Checks the key; answers 401 as OpenAI does when it is wrong.</summary>
    private async Task<bool> AuthorisedAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (context.Request.Headers.Authorization.ToString() == $"Bearer {ApiKey}")
        {
            return true;
        }

        Violation($"Authorization was '{context.Request.Headers.Authorization}', not 'Bearer <key>'");
        await ErrorAsync(context, StatusCodes.Status401Unauthorized, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
        return false;
    }

    /// <summary>Applies <see cref="ResponseDelay"/> and the error-status, hold and malformed faults; true when the request should be answered normally.</summary>
    private async Task<bool> BeforeAnswerAsync(HttpContext context, string malformedBody)
    {
        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay, context.RequestAborted);
        }

        var fault = Fault;
        if (fault?.Status is { } status)
        {
            var type = status == StatusCodes.Status429TooManyRequests ? "rate_limit_exceeded" : "server_error";
            await ErrorAsync(context, status, $"The server had an error while processing your request ({status}).", type, null);
            return false;
        }

        if (fault?.Hold == true)
        {
            await HoldAsync(context);
            return false;
        }

        if (fault?.Malformed == true)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(malformedBody);
            return false;
        }

        return true;
    }

    /// <summary>Waits until the client gives up (the only way a held request ends).</summary>
    private static async Task HoldAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>OpenAI's error body: <c>{"error":{"message","type","param","code"}}</c>.</summary>
    private static async Task ErrorAsync(HttpContext context, int status, string message, string type, string? code)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { message, type, param = (string?)null, code } }));
    }

    private readonly ConcurrentQueue<TranscriptionRequest> _transcriptions = new();
    private readonly ConcurrentQueue<SpeechRequest> _speeches = new();
}

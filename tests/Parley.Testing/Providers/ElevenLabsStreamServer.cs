using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Parley.Testing.Providers;

/// <summary>
/// A loopback server speaking ElevenLabs' WebSocket stream-input API on <c>/v1/text-to-speech/{voice_id}/stream-input</c>:
/// it checks the <c>xi-api-key</c> header, the query (<c>model_id</c>, <c>output_format=pcm_*</c>) and the input
/// messages (first <c>{"text":" "}</c> with voice settings, then text ending in a space, <c>flush</c>, and
/// <c>{"text":""}</c> to end), and answers with base64 PCM and <c>alignment</c>/<c>normalizedAlignment</c> character
/// timings relative to each message's audio, then <c>{"isFinal":true}</c> and a normal close.
/// </summary>
public sealed class ElevenLabsStreamServer : LoopbackServer
{
    private readonly ConcurrentQueue<ServerFault> _nextFaults = new();
    private readonly ConcurrentQueue<ElevenLabsRequestRecord> _requests = new();

    private ElevenLabsStreamServer(string apiKey) => ApiKey = apiKey;

    /// <summary>The key clients must send in <c>xi-api-key</c>.</summary>
    public string ApiKey { get; }

    /// <summary>The base URL clients are given: <c>ws://127.0.0.1:{port}/v1</c>.</summary>
    public string BaseUrl => $"ws://{Address.Authority}/v1";

    /// <summary>Words per audio message.</summary>
    public int WordsPerMessage { get; set; } = 2;

    /// <summary>Cut messages in the middle of words, so a word's characters arrive in two messages.</summary>
    public bool SplitWordsAcrossMessages { get; set; }

    /// <summary>Waited (on the real clock) before the first audio: the provider's own latency.</summary>
    public TimeSpan FirstAudioDelay { get; set; }

    /// <summary>The requests (connections) so far, in order.</summary>
    public IReadOnlyList<ElevenLabsRequestRecord> Requests => [.. _requests];

    /// <summary>Makes the next connection misbehave: <see cref="ServerFault.Status"/> refuses it; <see cref="ServerFault.StallAfter"/> or <see cref="ServerFault.DropAfter"/> messages then silence or a drop; <see cref="ServerFault.CloseStatus"/> after <see cref="ServerFault.CloseAfter"/> messages; <see cref="ServerFault.Malformed"/> sends a message that is not JSON; <see cref="ServerFault.Hold"/> sends nothing.</summary>
    public void FailNextConnection(ServerFault fault) => _nextFaults.Enqueue(fault);

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<ElevenLabsStreamServer> StartAsync(string apiKey = "xi-test")
    {
        var server = new ElevenLabsStreamServer(apiKey);
        await server.StartAsync(app => app.Map("/v1/text-to-speech/{voiceId}/stream-input", server.StreamAsync));
        return server;
    }

    internal void Report(string violation) => Violation(violation);

    private async Task StreamAsync(HttpContext context)
    {
        _nextFaults.TryDequeue(out var fault);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            Violation("a request to stream-input was not a WebSocket upgrade");
            context.Response.StatusCode = 400;
            return;
        }

        var status = fault?.Status;
        if (context.Request.Headers["xi-api-key"].ToString() != ApiKey)
        {
            Violation($"xi-api-key was '{context.Request.Headers["xi-api-key"]}'");
            status = 401;
        }

        if (status is { } refused)
        {
            context.Response.StatusCode = refused;
            return;
        }

        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var record = new ElevenLabsRequestRecord((string)context.Request.RouteValues["voiceId"]!, query);
        _requests.Enqueue(record);
        var rate = ElevenLabsQuery.Check(query, Violation);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new ElevenLabsStreamConnection(this, socket, context, record, rate, fault);
        await connection.RunAsync(context.RequestAborted);
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Parley.Testing.Providers;

/// <summary>
/// A loopback server speaking Deepgram's live streaming API on <c>/v1/listen</c>: it checks the query, the
/// <c>Authorization: Token</c> header, binary linear16 audio and the JSON control messages; it hears the audio with
/// PocketSphinx (or says what <see cref="Transcript"/> says) and answers as Deepgram does, in audio time: interim
/// <c>Results</c>, finals with <c>speech_final</c> after <c>endpointing</c> of silence, <c>UtteranceEnd</c> after
/// <c>utterance_end_ms</c> without words, <c>SpeechStarted</c>, answers to <c>Finalize</c> marked <c>from_finalize</c>
/// (none when it had no audio to flush), and <c>Metadata</c> then a normal close after <c>CloseStream</c>. A connection
/// that sends neither audio nor <c>KeepAlive</c> for 10 s on its clock is closed with 1011 <c>NET-0001</c>.
/// </summary>
public sealed class DeepgramLiveServer : LoopbackServer
{
    private readonly ConcurrentQueue<DeepgramConnectionRecord> _connections = new();
    private readonly ConcurrentQueue<ServerFault> _nextFaults = new();
    private readonly ConcurrentDictionary<DeepgramLiveConnection, byte> _open = new();
    private int _refused;

    private DeepgramLiveServer(string apiKey, TimeProvider timeProvider)
    {
        ApiKey = apiKey;
        TimeProvider = timeProvider;
    }

    /// <summary>The key clients must send as <c>Authorization: Token</c>.</summary>
    public string ApiKey { get; }

    /// <summary>The clock of the idle timeout (<c>NET-0001</c>).</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The base URL clients are given: <c>ws://127.0.0.1:{port}/v1</c>.</summary>
    public string BaseUrl => $"ws://{Address.Authority}/v1";

    /// <summary>What the server says it heard in a stretch of audio; PocketSphinx's words when null.</summary>
    public Func<short[], string>? Transcript { get; set; }

    /// <summary>Refuse every WebSocket upgrade with this HTTP status while set.</summary>
    public int? RefuseWith { get; set; }

    /// <summary>Waited (on the real clock) before each final result: the provider's own latency.</summary>
    public TimeSpan ResultDelay { get; set; }

    /// <summary>Audio between interim results.</summary>
    public TimeSpan InterimInterval { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>WebSocket upgrades refused so far.</summary>
    public int Refused => _refused;

    /// <summary>The connections so far, in order.</summary>
    public IReadOnlyList<DeepgramConnectionRecord> Connections => [.. _connections];

    /// <summary>Makes the next connection misbehave: <see cref="ServerFault.Status"/> refuses it; <see cref="ServerFault.DropAfter"/> drops it after that many bytes of audio; <see cref="ServerFault.CloseStatus"/> closes it after <see cref="ServerFault.CloseAfter"/> bytes; <see cref="ServerFault.Hold"/> leaves <c>Finalize</c> unanswered; <see cref="ServerFault.Malformed"/> answers the first audio with a message that is not JSON.</summary>
    public void FailNextConnection(ServerFault fault) => _nextFaults.Enqueue(fault);

    /// <summary>Drops every open connection now, without a close frame.</summary>
    public void DropAll()
    {
        foreach (var connection in _open.Keys)
        {
            connection.Drop();
        }
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<DeepgramLiveServer> StartAsync(string apiKey = "dg-test", TimeProvider? timeProvider = null)
    {
        var server = new DeepgramLiveServer(apiKey, timeProvider ?? TimeProvider.System);
        await server.StartAsync(app => app.Map("/v1/listen", server.ListenAsync));
        return server;
    }

    internal void Report(string violation) => Violation(violation);

    private async Task ListenAsync(HttpContext context)
    {
        _nextFaults.TryDequeue(out var fault);
        var refusal = fault?.Status ?? RefuseWith;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            Violation("a request to /v1/listen was not a WebSocket upgrade");
            context.Response.StatusCode = 400;
            return;
        }

        if (context.Request.Headers.Authorization.ToString() != $"Token {ApiKey}")
        {
            Violation($"Authorization was '{context.Request.Headers.Authorization}', not 'Token <key>'");
            refusal = 401;
        }

        if (refusal is { } status)
        {
            Interlocked.Increment(ref _refused);
            context.Response.StatusCode = status;
            context.Response.Headers["dg-error"] = status == 401 ? "Invalid credentials." : $"Refused with {status}.";
            return;
        }

        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var record = new DeepgramConnectionRecord(query);
        _connections.Enqueue(record);
        var settings = DeepgramListenSettings.Read(query, Violation);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new DeepgramLiveConnection(this, socket, context, record, settings, fault);
        _open[connection] = 0;
        try
        {
            await connection.RunAsync(context.RequestAborted);
        }
        finally
        {
            _open.TryRemove(connection, out _);
            record.Ended = true;
        }
    }
}

using System.Buffers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Parley.Engines.Audio;
using Parley.Engines.SpeechToText;

namespace Parley.Testing.Providers;

/// <summary>One connection to the Deepgram loopback server: reads audio and control messages, answers in audio time.</summary>
internal sealed class DeepgramLiveConnection(
    DeepgramLiveServer server, WebSocket socket, HttpContext context, DeepgramConnectionRecord record, DeepgramListenSettings settings, ServerFault? fault)
{
    private const int Rate = 16000;
    private const int FrameSamples = Rate / 100;
    private const int Loud = 500;
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly IncrementalHash _audioHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<short> _segmentAudio = [];
    private ISpeechRecognitionStream? _segment;
    private long _position;
    private long _segmentStart;
    private bool _inSpeech;
    private long _silence;
    private long _lastLoudEnd;
    private bool _utteranceEndDue;
    private long _sinceInterim;
    private long _lastActivity;
    private bool _malformedSent;

    public void Drop() => context.Abort();

    public async Task RunAsync(CancellationToken aborted)
    {
        Interlocked.Exchange(ref _lastActivity, server.TimeProvider.GetTimestamp());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var watchdog = WatchIdleAsync(stop.Token);
        try
        {
            await ReceiveAsync(stop.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            record.EndedBy ??= "dropped";
        }
        finally
        {
            await stop.CancelAsync();
            await watchdog;
            _segment?.Dispose();
            _audioHash.Dispose();
        }
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.GetMemory(8192), cancellationToken);
                buffer.Advance(result.Count);
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                record.EndedBy ??= "client closed";
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                }

                return;
            }

            Interlocked.Exchange(ref _lastActivity, server.TimeProvider.GetTimestamp());
            if (result.MessageType == WebSocketMessageType.Binary)
            {
                if (!await OnAudioAsync(buffer.WrittenMemory.ToArray(), cancellationToken))
                {
                    return;
                }
            }
            else if (!await OnControlAsync(Encoding.UTF8.GetString(buffer.WrittenSpan), cancellationToken))
            {
                return;
            }
        }
    }

    private async Task<bool> OnAudioAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        if (bytes.Length == 0 || bytes.Length % 2 != 0)
        {
            server.Report($"an audio message of {bytes.Length} bytes (empty messages close a Deepgram stream; linear16 needs whole samples)");
            await CloseAsync(WebSocketCloseStatus.ProtocolError, "DATA-0000", cancellationToken);
            return false;
        }

        var total = Interlocked.Add(ref record._audioBytes, bytes.Length);
        _audioHash.AppendData(bytes);
        if (fault?.DropAfter is { } drop && total >= drop)
        {
            record.EndedBy = "dropped";
            context.Abort();
            return false;
        }

        if (fault?.CloseStatus is { } status && total >= fault.CloseAfter)
        {
            record.EndedBy = fault.CloseReason ?? $"closed {status}";
            await CloseAsync((WebSocketCloseStatus)status, fault.CloseReason, cancellationToken);
            return false;
        }

        if (fault?.Malformed == true && !_malformedSent)
        {
            _malformedSent = true;
            await SendAsync("{\"type\": \"Results\", \"channel\": ", cancellationToken);
        }

        var samples = Pcm16.FromBytes(bytes);
        for (var offset = 0; offset < samples.Length; offset += FrameSamples)
        {
            await OnFrameAsync(samples.AsMemory(offset, Math.Min(FrameSamples, samples.Length - offset)), cancellationToken);
        }

        return true;
    }

    private async Task OnFrameAsync(ReadOnlyMemory<short> frame, CancellationToken cancellationToken)
    {
        var frameStart = _position;
        _position += frame.Length;
        _segment ??= await TestRecognition.Recognizer.OpenStreamAsync(cancellationToken);
        _segment.Push(frame.Span);
        _segmentAudio.AddRange(frame.Span);
        var loud = false;
        foreach (var sample in frame.Span)
        {
            loud |= Math.Abs((int)sample) > Loud;
        }

        if (loud)
        {
            if (!_inSpeech && settings.VadEvents)
            {
                await SendAsync(DeepgramServerMessages.SpeechStarted(Seconds(frameStart)), cancellationToken);
            }

            _inSpeech = true;
            _silence = 0;
            _lastLoudEnd = _position;
            _utteranceEndDue = false;
        }
        else if (_inSpeech)
        {
            _silence += frame.Length;
            if (_silence >= Samples(settings.Endpointing))
            {
                _inSpeech = false;
                var heard = await FinalizeSegmentAsync(speechFinal: true, fromFinalize: false, cancellationToken);
                _utteranceEndDue = heard.Length > 0;
            }
        }

        if (_utteranceEndDue && _position - _lastLoudEnd >= Samples(settings.UtteranceEnd))
        {
            _utteranceEndDue = false;
            await SendAsync(DeepgramServerMessages.UtteranceEnd(Seconds(_lastLoudEnd)), cancellationToken);
        }

        _sinceInterim += frame.Length;
        if (_inSpeech && _sinceInterim >= Samples(server.InterimInterval))
        {
            _sinceInterim = 0;
            var partial = server.Transcript?.Invoke([.. _segmentAudio]) ?? _segment.GetPartialText();
            if (partial.Length > 0)
            {
                await SendAsync(Results(partial, isFinal: false, speechFinal: false, fromFinalize: false), cancellationToken);
            }
        }
    }

    private async Task<bool> OnControlAsync(string text, CancellationToken cancellationToken)
    {
        string? type = null;
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("type", out var value))
            {
                type = value.GetString();
            }
        }
        catch (JsonException)
        {
        }

        record.Controls.Enqueue(type ?? text);
        switch (type)
        {
            case "KeepAlive":
                return true;
            case "Finalize":
                if (fault?.Hold != true && _segmentAudio.Count > 0)
                {
                    _inSpeech = false;
                    var heard = await FinalizeSegmentAsync(speechFinal: false, fromFinalize: true, cancellationToken);
                    _utteranceEndDue = heard.Length > 0;
                }

                return true;
            case "CloseStream":
                record.EndedBy = "CloseStream";
                if (_segmentAudio.Count > 0)
                {
                    await FinalizeSegmentAsync(speechFinal: false, fromFinalize: false, cancellationToken);
                }

                await SendAsync(DeepgramServerMessages.Metadata(settings.Model, Seconds(_position), _audioHash.GetCurrentHash()), cancellationToken);
                await CloseAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                return true;
            default:
                server.Report($"an unknown text message: {text}");
                return true;
        }
    }

    private async Task<string> FinalizeSegmentAsync(bool speechFinal, bool fromFinalize, CancellationToken cancellationToken)
    {
        var heard = server.Transcript?.Invoke([.. _segmentAudio]) ?? _segment?.Complete() ?? "";
        if (server.ResultDelay > TimeSpan.Zero)
        {
            await Task.Delay(server.ResultDelay, cancellationToken);
        }

        await SendAsync(Results(heard, isFinal: true, speechFinal, fromFinalize), cancellationToken);
        _segment?.Dispose();
        _segment = null;
        _segmentAudio.Clear();
        _segmentStart = _position;
        _sinceInterim = 0;
        return heard;
    }

    private string Results(string transcript, bool isFinal, bool speechFinal, bool fromFinalize)
        => DeepgramServerMessages.Results(settings.Model, Seconds(_segmentStart), Seconds(_position - _segmentStart), transcript, isFinal, speechFinal, fromFinalize);

    private async Task WatchIdleAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), server.TimeProvider, cancellationToken);
                if (server.TimeProvider.GetElapsedTime(Interlocked.Read(ref _lastActivity)) >= IdleLimit)
                {
                    record.EndedBy = "NET-0001";
                    await CloseAsync(WebSocketCloseStatus.InternalServerError, "NET-0001", cancellationToken);
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
    }

    private async Task SendAsync(string json, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string? reason, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, reason, cancellationToken);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private static double Seconds(long samples) => samples / (double)Rate;

    private static long Samples(TimeSpan span) => (long)(span.TotalSeconds * Rate);
}

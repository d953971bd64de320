using System.Diagnostics;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A client of <c>/ws/voice</c> that behaves like the iOS one: 8192-byte chunks at real-time pace.</summary>
public sealed class VoiceTestClient : IAsyncDisposable
{
    /// <summary>The iOS client's chunk: 4096 samples, 8192 bytes, 256 ms.</summary>
    public const int ChunkSamples = 4096;

    private readonly ClientWebSocket _socket = new();
    private readonly Channel<ReceivedFrame> _frames = Channel.CreateUnbounded<ReceivedFrame>();
    private readonly List<ReceivedFrame> _all = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Task _receiving = Task.CompletedTask;

    /// <summary>Every frame received so far, in order.</summary>
    public IReadOnlyList<ReceivedFrame> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    /// <summary>Time since the client was created.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<VoiceTestClient> ConnectAsync(Uri uri, string? bearer = null)
    {
        var client = new VoiceTestClient();
        if (bearer is not null)
        {
            client._socket.Options.SetRequestHeader("Authorization", $"Bearer {bearer}");
        }

        await client._socket.ConnectAsync(uri, CancellationToken.None);
        client._receiving = client.ReceiveLoopAsync();
        return client;
    }

    public Task SendAsync(VoiceMessage message) => SendRawAsync(VoiceMessageCodec.Serialize(message));

    public Task SendRawAsync(string text) => SendRawAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendRawAsync(byte[] bytes, WebSocketMessageType type = WebSocketMessageType.Text)
        => await _socket.SendAsync(bytes, type, endOfMessage: true, CancellationToken.None);

    public Task SendAudioAsync(ReadOnlySpan<short> samples)
        => SendAsync(new AudioMessage(new AudioPayload { Data = Convert.ToBase64String(MemoryMarshal.AsBytes(samples)), MimeType = "audio/pcm;rate=16000" }));

    /// <summary>Streams audio in iOS-sized chunks, each sent when its audio would have been recorded; returns when the last was sent.</summary>
    public async Task StreamAsync(short[] samples, CancellationToken cancellationToken = default)
    {
        var start = _clock.Elapsed;
        for (var offset = 0; offset < samples.Length; offset += ChunkSamples)
        {
            var count = Math.Min(ChunkSamples, samples.Length - offset);
            // A microphone delivers a chunk once it is full: at the time of its last sample.
            var due = start + TimeSpan.FromSeconds((offset + count) / 16000.0);
            var wait = due - _clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            await SendAudioAsync(samples.AsSpan(offset, count));
        }
    }

    /// <summary>Waits for the next frame matching <paramref name="predicate"/>, skipping others.</summary>
    public async Task<ReceivedFrame> WaitForAsync(Func<VoiceMessage, bool> predicate, TimeSpan? timeout = null, string? what = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            while (true)
            {
                var frame = await _frames.Reader.ReadAsync(cts.Token);
                if (predicate(frame.Message))
                {
                    return frame;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {what ?? "matching frame"} within the timeout. Received: {string.Join(", ", All.Select(f => f.Message.Type))}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The socket closed ({CloseStatus}) before {what ?? "a matching frame"}. Received: {string.Join(", ", All.Select(f => f.Message.Type))}");
        }
    }

    public Task<ReceivedFrame> WaitForAsync<T>(TimeSpan? timeout = null) where T : VoiceMessage
        => WaitForAsync(m => m is T, timeout, typeof(T).Name);

    /// <summary>Waits for the next error frame and returns its payload.</summary>
    public async Task<ErrorPayload> WaitForErrorAsync(TimeSpan? timeout = null)
        => ((ErrorMessage)(await WaitForAsync<ErrorMessage>(timeout)).Message).Payload;

    /// <summary>Waits for agent audio, then until <paramref name="quiet"/> has passed since the audio received would have finished playing: the reply has been played.</summary>
    /// <remarks>
    /// Measured from the end of playback, not from the last frame: the server sends up to its lead ahead, so on a busy
    /// machine a stall just after the first frames is not taken for the end of a reply that has barely begun.
    /// </remarks>
    /// <returns>When (on <see cref="Now"/>'s clock) the reply's audio finished playing.</returns>
    public async Task<TimeSpan> WaitForAgentToFinishAsync(TimeSpan? quiet = null, TimeSpan? timeout = null)
    {
        var quietFor = quiet ?? TimeSpan.FromMilliseconds(700);
        await WaitForAsync<AudioMessage>(timeout);
        var deadline = Now + (timeout ?? TimeSpan.FromSeconds(30));
        while (Now < deadline)
        {
            var playbackEnd = PlaybackEnd();
            if (Now - playbackEnd >= quietFor)
            {
                return playbackEnd;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The agent kept speaking.");
    }

    /// <summary>When the agent audio received so far ends if played as it arrives (a gap starts playback again when audio comes).</summary>
    private TimeSpan PlaybackEnd()
    {
        var end = TimeSpan.Zero;
        foreach (var frame in All)
        {
            if (frame.Message is AudioMessage { Payload.Data: { } data })
            {
                var samples = data.Length / 4 * 3 / 2; // base64 → bytes → 16-bit samples (padding ignored: a sample or so)
                end = (frame.At > end ? frame.At : end) + TimeSpan.FromSeconds(samples / (double)Parley.Protocol.AudioFormats.OutputSampleRate);
            }
        }

        return end;
    }

    /// <summary>Waits until the server closes the socket.</summary>
    public async Task<WebSocketCloseStatus?> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        var finished = await Task.WhenAny(_receiving, Task.Delay(timeout ?? TimeSpan.FromSeconds(20)));
        Assert.True(finished == _receiving, "The server did not close the socket in time.");
        return _socket.CloseStatus;
    }

    /// <summary>Drops the connection without a close handshake, like a phone losing signal.</summary>
    public void Vanish() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            // CloseOutputAsync, not CloseAsync: the receive loop is the one reader and sees the server's close.
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
                await Task.WhenAny(_receiving, Task.Delay(TimeSpan.FromSeconds(2)));
            }
            catch (WebSocketException)
            {
            }
        }

        _socket.Abort();
        await _receiving;
        _socket.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 16];
        using var frame = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    }

                    return;
                }

                Assert.Equal(WebSocketMessageType.Text, result.MessageType); // The server only sends text frames.
                frame.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var bytes = frame.ToArray();
                frame.SetLength(0);
                var received = new ReceivedFrame(VoiceMessageCodec.Deserialize(bytes), Encoding.UTF8.GetString(bytes), _clock.Elapsed);
                lock (_all)
                {
                    _all.Add(received);
                }

                _frames.Writer.TryWrite(received);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Aborted or dropped: the frames so far are what we got.
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }
}
